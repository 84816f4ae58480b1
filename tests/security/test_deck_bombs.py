"""A deck file that would expand without bound (YAML "billion laughs", a recursive
alias) is refused at once with a located error, by `deck check` and by every command."""

from __future__ import annotations

from tests.conftest import write_deck

LAUGHS = (
    'id: sample\nversion: "1"\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n"
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
)
RECURSIVE = "id: sample\nversion: '1'\ncards: &c [*c]\n"


def test_billion_laughs_is_refused_with_its_line(cli, tmp_path):
    decks = tmp_path / "bombs"
    path = write_deck(decks, LAUGHS, "laughs.yaml")
    result = cli("deck", "check", str(path), "--lang", "en")
    assert result.exit_code == 1
    assert f"{path}:3: the deck expands to more than 200,000 YAML values" in result.output


def test_recursive_alias_is_refused(cli, tmp_path):
    path = write_deck(tmp_path / "bombs", RECURSIVE, "rec.yaml")
    result = cli("deck", "check", str(path), "--lang", "en")
    assert result.exit_code == 1
    assert f"{path}:3: values nested more than 64 deep" in result.output


def test_every_command_refuses_a_bomb_in_the_decks_folder(cli, deck_dir):
    (deck_dir / "sample.yaml").unlink()
    write_deck(deck_dir, LAUGHS, "laughs.yaml")
    result = cli("status", "-e", "E1", env={"RECALL_LANG": "en"})
    assert result.exit_code == 1
    assert "laughs.yaml:3: the deck expands to more than" in result.output
    japanese = cli("status", "-e", "E1")  # the default language
    assert "laughs.yaml:3: 教材が展開すると 200,000 個を超える" in japanese.output
