"""User text shown as literal text: the one way a name, header or note reaches Markdown.

File names, headers, respondent ids, statements, step, competitor, segment, cluster and scenario
names, notes and the survey name are *data*. Streamlit renders Markdown in far more places than
``st.markdown``: captions, alerts, toasts, subheaders, expander and tab titles, widget labels and
help texts, metric values and deltas, button and checkbox labels, and the options of ``st.radio``,
``st.segmented_control`` and ``st.pills``. Unescaped, ``![x](http://host/x.png)`` in a step
name makes every visitor's browser fetch from that host, ``[here](…)`` becomes a link and
``**x**`` turns bold. Every such call wraps the user's text in :func:`literal`.

Where Streamlit shows text as plain text (``st.selectbox`` / ``st.multiselect`` options and their
``format_func``, ``st.text_input`` values, dataframe cells and column titles, Altair/Vega charts
including their tooltips) the text is passed as it is: escaping there would show backslashes.

How: every ASCII punctuation character Markdown, GFM or Streamlit's extensions give a meaning to
is backslash-escaped (CommonMark makes any escaped punctuation literal), line breaks become spaces
(a label is one line), and an invisible WORD JOINER (U+2060) is put after ``:`` and ``@`` and
inside ``www.`` — Streamlit's own directives (``:material/…:``, emoji shortcodes) and GFM's
autolinks (``http://…``, ``www.…``, ``a@b.org``) match the *decoded* text, where a backslash no
longer helps. The joiner is invisible and survives copy and paste only as a zero-width character.
"""

from __future__ import annotations

import re

JOINER = "\u2060"  # WORD JOINER: zero width, no line break opportunity
_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:])")
_AFTER = re.compile(r"([:@])")
_WWW = re.compile(r"(www)(\\\.)", re.IGNORECASE)
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")


def literal(text: object) -> str:
    """``text`` (any value; None is empty) escaped so Streamlit's Markdown shows it as typed.

    >>> literal("**Big** [deal](http://x.org)")  # doctest: +SKIP
    '\\\\*\\\\*Big\\\\*\\\\* \\\\[deal\\\\]\\\\(http\\\\:\\u2060//x\\\\.org\\\\)'
    """
    if text is None:
        return ""
    escaped = _PUNCTUATION.sub(r"\\\1", _LINE_BREAKS.sub(" ", str(text)))
    escaped = _AFTER.sub(lambda m: m.group(1) + JOINER, escaped)
    return _WWW.sub(lambda m: m.group(1) + JOINER + m.group(2), escaped)
