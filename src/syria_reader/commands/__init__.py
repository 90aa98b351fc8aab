"""The subcommands of ``syria-reader``, one module per group."""
