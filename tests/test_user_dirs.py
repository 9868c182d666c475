"""tracker.user_dirs answers as platformdirs does, for every environment its fast path reads."""

from __future__ import annotations

import sys

import platformdirs
import pytest

from tracker import user_dirs

ENVIRONMENTS = [
    {"HOME": "/home/ana"},
    {"HOME": "/home/ana/"},
    {"HOME": "/"},
    {"HOME": "/home/ana", "XDG_CONFIG_HOME": "/srv/cfg", "XDG_DATA_HOME": "/srv/data", "XDG_CACHE_HOME": "/srv/c"},
    {"HOME": "/home/ana", "XDG_CONFIG_HOME": "relative/cfg", "XDG_DATA_HOME": "", "XDG_CACHE_HOME": "~/c"},
    {"HOME": "/home/ana", "XDG_CONFIG_HOME": "/srv/cfg/", "XDG_DATA_HOME": " /srv/data"},
    {"HOME": "/home/ana", "ANDROID_DATA": "/data", "ANDROID_ROOT": "/system", "SHELL": "/bin/sh"},
]
VARS = ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "ANDROID_DATA", "ANDROID_ROOT")


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_the_same_directories_as_platformdirs(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    for var in VARS:
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert user_dirs.user_config_dir("tracker") == platformdirs.user_config_dir("tracker", appauthor=False)
    assert user_dirs.user_data_dir("tracker") == platformdirs.user_data_dir("tracker", appauthor=False)
    assert user_dirs.user_cache_dir("tracker") == platformdirs.user_cache_dir("tracker", appauthor=False)


@pytest.mark.skipif(sys.platform != "linux", reason="the fast path is Linux's")
def test_the_xdg_rule_by_hand(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HOME", "/home/ana")
    assert user_dirs.user_config_dir("tracker") == "/home/ana/.config/tracker"
    assert user_dirs.user_data_dir("tracker") == "/home/ana/.local/share/tracker"
    monkeypatch.setenv("XDG_DATA_HOME", "/srv/data")
    monkeypatch.setenv("XDG_CACHE_HOME", "cache")  # relative: ignored, as the XDG spec says
    assert user_dirs.user_data_dir("tracker") == "/srv/data/tracker"
    assert user_dirs.user_cache_dir("tracker") == "/home/ana/.cache/tracker"


def test_a_home_that_is_not_absolute_is_platformdirs_to_resolve(monkeypatch: pytest.MonkeyPatch) -> None:
    """HOME unset or relative: platformdirs asks the password database; the answer is its."""
    for var in VARS:
        monkeypatch.delenv(var, raising=False)
    assert user_dirs._fast("config", "tracker") is None
    monkeypatch.setenv("HOME", "relative/home")
    assert user_dirs._fast("config", "tracker") is None
    assert user_dirs.user_config_dir("tracker") == platformdirs.user_config_dir("tracker", appauthor=False)
