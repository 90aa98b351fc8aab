"""``bench.index_sizes`` accounts for every page of an index file, table by table."""

from __future__ import annotations

from pathlib import Path

from bench.index_sizes import main, table_sizes
from syria_reader.config import Settings
from syria_reader.index.build import build_index, index_path_for


def test_sizes_add_up_to_the_file_and_indexes_sit_under_their_table(write_corpus, capsys) -> None:
    corpus = write_corpus(
        {
            "a.txt": "Talks in Geneva\n\nSergei Lavrov met John Kerry in Geneva on Monday.\n",
            "b.txt": "Aid reaches Aleppo\n\nA convoy reached Aleppo on 3 May, the UN said.\n",
        }
    )
    build_index(corpus, Settings(model="no-such-model"))
    index = index_path_for(corpus)
    rows = table_sizes(index)
    assert sum(size for _, _, size in rows) == index.stat().st_size
    owners = {name: table for table, name, _ in rows}
    assert owners["mentions_entity"] == "mentions" and owners["mentions"] == "mentions"
    assert main([str(index), str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "  mentions_entity" in out and out.splitlines()[-1].startswith("total")
    assert main([]) == 2
    assert Path(index).is_file()
