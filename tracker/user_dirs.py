"""The user's config, data and cache directories, as ``platformdirs`` gives them, without importing it
on Linux.

Importing platformdirs costs 4.6 ms on every command that looks for its config file or database
(its Unix module imports ``tempfile``, which imports ``shutil``, ``bz2`` and ``lzma``): a sixth of
a command's start-up budget (issue 12). On Linux the answer is the XDG rule, which this module
computes as platformdirs 4 does (``platformdirs._xdg.xdg_dir`` and ``expand_user``, the ``Unix``
class with ``appauthor=False``, no version, ``use_site_for_root`` off): ``$XDG_CONFIG_HOME/<app>``
when that variable is an absolute path, else ``~/.config/<app>`` (data: ``$XDG_DATA_HOME``,
``~/.local/share``; cache: ``$XDG_CACHE_HOME``, ``~/.cache``). Anywhere else, and whenever the
home directory is not a plain absolute ``$HOME`` (platformdirs then asks the password database or
raises), platformdirs itself answers. Like platformdirs, it reads ``os.environ``.
tests/test_user_dirs.py checks both agree.
"""

from __future__ import annotations

import os
import sys

# kind -> (XDG variable, default under the home directory)
_XDG = {"config": ("XDG_CONFIG_HOME", "~/.config"), "data": ("XDG_DATA_HOME", "~/.local/share"),
        "cache": ("XDG_CACHE_HOME", "~/.cache")}


def _fast(kind: str, app: str) -> str | None:
    """The XDG answer on plain Linux; None where platformdirs must decide."""
    env = os.environ
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel") or (
            env.get("ANDROID_DATA") == "/data" and env.get("ANDROID_ROOT") == "/system"):
        return None
    var, default = _XDG[kind]
    xdg = env.get(var, "")
    if xdg.startswith("/"):
        return os.path.join(xdg, app)
    if not env.get("HOME", "").startswith("/"):
        return None
    return os.path.join(os.path.expanduser(default), app)


def user_config_dir(app: str) -> str:
    """``platformdirs.user_config_dir(app, appauthor=False)``."""
    got = _fast("config", app)
    if got is None:
        from platformdirs import user_config_dir as platform_dir

        got = platform_dir(app, appauthor=False)
    return got


def user_data_dir(app: str) -> str:
    """``platformdirs.user_data_dir(app, appauthor=False)``."""
    got = _fast("data", app)
    if got is None:
        from platformdirs import user_data_dir as platform_dir

        got = platform_dir(app, appauthor=False)
    return got


def user_cache_dir(app: str) -> str:
    """``platformdirs.user_cache_dir(app, appauthor=False)``."""
    got = _fast("cache", app)
    if got is None:
        from platformdirs import user_cache_dir as platform_dir

        got = platform_dir(app, appauthor=False)
    return got
