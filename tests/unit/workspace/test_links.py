"""Links by role (issue 17.1): edit / view / vote tokens, hashed in an index, revocable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.strategy.scenarios import create_scenario, list_scenarios, rename_scenario
from core.workspace.database import WorkspaceNotFound, WorkspaceReadOnly, create_workspace
from core.workspace.link_index import FileLinkIndex
from core.workspace.links import (
    LinkRefused,
    Role,
    forget,
    link,
    new_link_token,
    open_for,
    reissue,
    resolve,
    revoke,
    token_key,
)


@pytest.fixture
def first_token(data_dir: Path) -> str:
    """A workspace as made before links existed: its file name is its (edit) token."""
    workspace = create_workspace()
    workspace.close()
    assert workspace.token is not None
    return workspace.token


def _index_text(data_dir: Path) -> str:
    return "".join(path.read_text() for path in sorted((data_dir / "links").glob("*.json")))


def test_a_link_token_holds_at_least_128_random_bits() -> None:
    tokens = {new_link_token() for _ in range(200)}
    assert len(tokens) == 200
    assert all(len(token) >= 32 for token in tokens)  # 24 random bytes, base64: 192 bits


def test_the_first_token_keeps_opening_the_workspace_for_editing(first_token: str) -> None:
    workspace, role = open_for(first_token)
    assert role is Role.EDIT and not workspace.read_only
    workspace.set_setting("probe", 1)
    workspace.close()


def test_a_view_link_opens_a_handle_that_refuses_writes(first_token: str) -> None:
    editor, _ = open_for(first_token)
    scenario = create_scenario(editor, "Plan A")
    view = link(first_token, Role.VIEW)
    assert view != first_token
    workspace, role = open_for(view)
    assert role is Role.VIEW and workspace.read_only
    assert list(list_scenarios(workspace)["name"]) == ["Plan A"]  # reads work, on the editors' data
    with pytest.raises(WorkspaceReadOnly):
        workspace.set_setting("probe", 1)
    with pytest.raises(WorkspaceReadOnly):
        rename_scenario(workspace, scenario, "New name")
    rename_scenario(editor, scenario, "Plan B")
    assert list(list_scenarios(workspace)["name"]) == ["Plan B"]  # the viewer sees the editor's change at once
    workspace.close()
    editor.close()


def test_the_view_link_is_stable_and_shown_again_to_the_editor(first_token: str) -> None:
    assert link(first_token, Role.VIEW) == link(first_token, Role.VIEW)


def test_tokens_are_stored_only_as_hashes(first_token: str, data_dir: Path) -> None:
    view, vote = link(first_token, Role.VIEW), link(first_token, Role.VOTE)
    edit = reissue(first_token, Role.EDIT)
    stored = _index_text(data_dir)
    for token in (view, vote, edit):
        assert token not in stored
        assert token_key(token) in stored


def test_a_view_link_cannot_see_or_issue_links(first_token: str) -> None:
    view = link(first_token, Role.VIEW)
    for role in Role:
        with pytest.raises(LinkRefused):
            link(view, role) if role is not Role.EDIT else reissue(view, role)
    with pytest.raises(LinkRefused):
        revoke(view, Role.VIEW)


def test_revoking_the_view_link_locks_it_out_and_the_next_one_differs(first_token: str) -> None:
    old = link(first_token, Role.VIEW)
    revoke(first_token, Role.VIEW)
    with pytest.raises(WorkspaceNotFound):
        resolve(old)
    new = link(first_token, Role.VIEW)
    assert new != old and resolve(new).role is Role.VIEW


def test_reissuing_the_edit_link_locks_out_the_old_one_and_keeps_the_others(first_token: str) -> None:
    view, vote = link(first_token, Role.VIEW), link(first_token, Role.VOTE)
    edit = reissue(first_token, Role.EDIT)
    with pytest.raises(WorkspaceNotFound):
        resolve(first_token)  # the first token (the file name) no longer opens anything
    assert resolve(edit).role is Role.EDIT and resolve(edit).workspace_id == first_token
    assert link(edit, Role.VIEW) == view and link(edit, Role.VOTE) == vote  # still readable by the new editor
    again = reissue(edit, Role.EDIT)
    with pytest.raises(WorkspaceNotFound):
        resolve(edit)
    assert resolve(again).role is Role.EDIT and resolve(view).role is Role.VIEW


def test_a_vote_link_is_issued_on_demand_and_opens_read_only(first_token: str) -> None:
    vote = link(first_token, Role.VOTE)
    workspace, role = open_for(vote)
    assert role is Role.VOTE and workspace.read_only
    workspace.close()


@pytest.mark.parametrize("token", [None, "", "../../etc/passwd", "short", "x" * 80])
def test_malformed_tokens_open_nothing(data_dir: Path, token: str | None) -> None:
    with pytest.raises(WorkspaceNotFound):
        resolve(token)


def test_an_unknown_well_formed_token_opens_nothing(first_token: str) -> None:
    with pytest.raises(WorkspaceNotFound):
        resolve(new_link_token())


def test_a_link_to_a_deleted_workspace_opens_nothing(first_token: str, data_dir: Path) -> None:
    view = link(first_token, Role.VIEW)
    (data_dir / f"{first_token}.duckdb").unlink()
    with pytest.raises(WorkspaceNotFound):
        resolve(view)


def test_forget_removes_every_record_of_a_workspace(first_token: str, data_dir: Path) -> None:
    other = create_workspace()
    other.close()
    assert other.token is not None
    kept = link(other.token, Role.VIEW)
    link(first_token, Role.VIEW), link(first_token, Role.VOTE), reissue(first_token, Role.EDIT)
    forget(first_token)
    remaining = list(FileLinkIndex().items())
    assert all(value.get("workspace") in (None, other.token) for _, value in remaining)
    assert len(remaining) == 2 and resolve(kept).role is Role.VIEW


def test_a_damaged_index_record_grants_nothing(first_token: str, data_dir: Path) -> None:
    view = link(first_token, Role.VIEW)
    (data_dir / "links" / f"{token_key(view)}.json").write_text("{not json")
    with pytest.raises(WorkspaceNotFound):
        resolve(view)


def test_a_forged_record_naming_an_unknown_role_grants_nothing(first_token: str, data_dir: Path) -> None:
    token = new_link_token()
    index = FileLinkIndex()
    index.put(token_key(token), {"workspace": first_token, "role": "owner"})
    with pytest.raises(WorkspaceNotFound):
        resolve(token)
    assert json.loads((data_dir / "links" / f"{token_key(token)}.json").read_text())["role"] == "owner"


def test_the_file_index_refuses_keys_that_are_not_digests(tmp_path: Path) -> None:
    index = FileLinkIndex(tmp_path)
    with pytest.raises(ValueError):
        index.put("../escape", {})
    index.put("a" * 64, {"x": 1})
    assert index.get("a" * 64) == {"x": 1} and list(index.items()) == [("a" * 64, {"x": 1})]
    assert not list(tmp_path.glob("*.part"))
    index.delete("a" * 64)
    assert index.get("a" * 64) is None
