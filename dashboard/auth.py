"""Optional login, configured in `.streamlit/secrets.toml`; without an `[auth]` section the dashboard is open.

- Shared password: `[auth] password = "..."`.
- OIDC through `st.login`: Streamlit's own `[auth]` settings (redirect_uri, cookie_secret, client_id, client_secret,
  server_metadata_url) plus `[access] allowed_emails = ["a@example.cn"]`; a signed-in address not on the list sees
  no data.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError


def _section(name: str) -> Mapping[str, Any]:
    try:
        value = st.secrets.get(name)
    except (FileNotFoundError, StreamlitSecretNotFoundError):  # no secrets file at all
        return {}
    return value if isinstance(value, Mapping) else {}


def _password_gate(expected: str) -> bool:
    if st.session_state.get("auth_ok"):
        return True
    with st.form("login"):
        given = st.text_input("访问密码", type="password", key="auth_password")
        submitted = st.form_submit_button("登录")
    if submitted and hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        st.session_state["auth_ok"] = True
        st.rerun()
    if submitted:
        st.error("密码不正确。")
    return False


def _oidc_gate(allowed: list[str]) -> bool:
    if not st.user.is_logged_in:
        st.button("使用单位账号登录", on_click=st.login)
        return False
    email = str(st.user.get("email") or "").lower()
    if email not in {a.lower() for a in allowed}:
        st.error("该账号未获授权查看本系统。")
        st.button("退出登录", on_click=st.logout)
        return False
    st.sidebar.button("退出登录", on_click=st.logout)
    return True


def allowed() -> bool:
    """Whether this session may see data; draws the login form or message when not."""
    auth = _section("auth")
    if not auth:
        return True
    if "password" in auth:
        return _password_gate(str(auth["password"]))
    return _oidc_gate(list(_section("access").get("allowed_emails", [])))
