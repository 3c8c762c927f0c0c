"""The style sheets of presentation mode, its dark variant and printing, as plain strings (no
Streamlit: ui/presentation.py injects them once per run; tests read them).

Streamlit's elements are addressed by their ``data-testid`` (stable across 1.4x–1.6x) and our own
containers by their ``st-key-…`` class. No web fonts: only the fonts the app already uses.
"""

from __future__ import annotations

BAR = "slide_bar"  # key of the slide bar's container (class st-key-slide_bar)
KEYS = "slide_keys"  # key of the container holding the ←/→ listener

# Streamlit's chrome: the sidebar and its toggles, the header with its toolbar, main menu and
# deploy button, the coloured decoration line, the footer.
_CHROME = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], header, [data-testid="stToolbar"], [data-testid="stMainMenu"],
[data-testid="stAppDeployButton"], .stDeployButton, [data-testid="stDecoration"], footer"""

PRESENT = (
    _CHROME
    + """ { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container {
    max-width: 100% !important; padding: 0.6rem 1.4rem 0.8rem 1.4rem !important;
}
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 0.6rem; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMain"] [data-testid="stMarkdownContainer"] li { font-size: 1.2rem; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] p { font-size: 1.05rem; }
[data-testid="stMain"] h1 { font-size: 2.1rem; padding: 0 0 0.3rem 0; }
[data-testid="stMain"] [data-testid="stMetricValue"] { font-size: 2.1rem; }
[data-testid="stMain"] [data-testid="stMetricLabel"] p { font-size: 1.05rem; }
[data-testid="stMain"] button p { font-size: 1.05rem; }
.st-key-"""
    + BAR
    + """ {
    position: fixed; right: 14px; top: 6px; z-index: 999990; width: auto !important;
    background: rgba(255, 255, 255, 0.94); border: 1px solid #8C96A3; border-radius: 10px;
    padding: 4px 8px; box-shadow: 0 2px 10px rgba(0, 0, 0, 0.18);
}
.st-key-"""
    + BAR
    + """ p { font-size: 1.05rem !important; margin: 0; }
.st-key-"""
    + BAR
    + """ { flex-wrap: nowrap !important; }
.st-key-"""
    + BAR
    + """ > [data-testid="stLayoutWrapper"] { position: absolute; width: 0; height: 0; overflow: hidden; }
.st-key-"""
    + KEYS
    + """ { display: none !important; }
"""
)

# The Focus matrix side by side (ui/focus_live.py, presentation mode): a compact title and
# scenario bar, so the board and both charts fit one 1280 × 720 screen.
FOCUS = """
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 1rem; }  /* room above the charts for a toast */
[data-testid="stMain"] h1 { font-size: 1.7rem; padding: 0.1rem 0 0 0; }
.st-key-focus_scenario_pick [data-testid="stWidgetLabel"] { display: none; }
.st-key-focus_board_area button { min-height: 2.1rem; padding: 0.1rem 0.6rem; }
.st-key-focus_board_area button p { font-size: 0.95rem; }
.st-key-focus_messages [data-testid="stAlertContainer"] { padding: 0.35rem 0.7rem; }
.st-key-focus_messages [data-testid="stMarkdownContainer"] p,
.st-key-focus_messages [data-testid="stMarkdownContainer"] li { font-size: 0.95rem; }
.st-key-focus_side [data-testid="stMetricValue"] { font-size: 1.5rem; }
[data-testid="stToastContainer"], .stToastContainer {
    top: 6px !important; bottom: auto !important; left: 50% !important; right: auto !important;
    transform: translateX(-50%);
}
.st-key-focus_side [data-testid="stMetricLabel"] p { font-size: 0.9rem; }
"""

# The Job map slide's step cards (ui/jobmap_slide.py): tighter, so 12 steps fit one screen.
JOBMAP_SLIDE = """
.st-key-jobmap_slide [data-testid="stVerticalBlockBorderWrapper"] { padding: 0.55rem 0.8rem; }
.st-key-jobmap_slide [data-testid="stVerticalBlock"] { gap: 0.25rem; }
.st-key-jobmap_slide [data-testid="stMarkdownContainer"] p { font-size: 1.1rem; }
.st-key-jobmap_slide [data-testid="stCaptionContainer"] p { font-size: 0.98rem; }
"""

# High contrast on black for dark rooms; screens only, so a print stays black on white.
INK = "#F5F7FA"
DARK = (
    """
@media screen {
.stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"], [data-testid="stBottomBlockContainer"] {
    background: #000000 !important; color: """
    + INK
    + """ !important;
}
.stApp h1, .stApp h2, .stApp h3, .stApp h4, .stApp p, .stApp li, .stApp label, .stApp span,
.stApp [data-testid="stMetricValue"], .stApp [data-testid="stMetricLabel"],
.stApp [data-testid="stCaptionContainer"], .stApp [data-testid="stCaptionContainer"] p { color: """
    + INK
    + """ !important; }
.stApp [data-testid="stCaptionContainer"] p { opacity: 0.92; }
.stApp [data-testid^="stBaseButton"], .stApp [data-baseweb="select"] > div, .stApp input, .stApp textarea,
.stApp [data-testid="stExpander"] details, .stApp [data-testid="stPopoverButton"] {
    background: #111418 !important; color: """
    + INK
    + """ !important; border-color: #C9D1D9 !important;
}
.stApp [data-testid="stBaseButton-primary"] {
    background: #4DA3FF !important; color: #000000 !important; border-color: #4DA3FF !important;
}
.stApp [data-testid="stBaseButton-primary"] p { color: #000000 !important; }
.stApp [data-testid="stButtonGroup"] button {
    background: #111418 !important; color: """
    + INK
    + """ !important; border-color: #C9D1D9 !important;
}
.stApp [data-testid="stButtonGroup"] button[aria-checked="true"] { background: #4DA3FF !important; }
.stApp [data-testid="stButtonGroup"] button[aria-checked="true"] p { color: #000000 !important; }
.stApp [data-testid="stTooltipIcon"] svg, .stApp [data-testid="stTooltipHoverTarget"] svg { color: """
    + INK
    + """ !important; stroke: """
    + INK
    + """ !important; }
[data-testid="stToast"] { background: #111418 !important; border: 2px solid #FFD166 !important; }
[data-testid="stToast"] p, [data-testid="stToast"] span { color: """
    + INK
    + """ !important; }
.stApp [data-testid="stAlertContainer"] {
    background: #111418 !important; border: 2px solid #FFD166 !important; color: """
    + INK
    + """ !important;
}
.stApp [data-testid="stDataFrame"], .stApp [data-testid="stTable"] { filter: invert(1) hue-rotate(180deg); }
.stApp a { color: #8CC8FF !important; }
.st-key-"""
    + BAR
    + """ { background: rgba(17, 20, 24, 0.96) !important; border-color: #C9D1D9 !important; }
}
"""
)

# Printing any page, presenting or not: the charts and tables, without buttons, widgets that
# only steer the screen, the sidebar or the navigation.
PRINT = (
    """
@media print {
"""
    + _CHROME
    + """,
[data-testid="stSidebarNav"], [data-testid="stButton"], [data-testid="stDownloadButton"],
[data-testid="stPopover"], [data-testid="stFormSubmitButton"], [data-testid="stFileUploader"],
[data-testid="stSegmentedControl"], [data-testid="stButtonGroup"], [data-testid="stToast"],
[data-testid="stStatusWidget"], [data-testid="stElementToolbar"], .st-key-"""
    + BAR
    + """, .st-key-"""
    + KEYS
    + """ { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container { max-width: 100% !important; padding: 0 !important; }
[data-testid="stVegaLiteChart"], [data-testid="stDataFrame"], [data-testid="stTable"] { break-inside: avoid; }
}
"""
)


def style_sheet(present: bool, dark: bool, focus_page: bool) -> str:
    """The CSS of one run: always the print styles, plus presentation mode (with the Focus
    matrix's compact layout on that page) and its dark variant when on."""
    parts = [PRINT]
    if present:
        parts += [PRESENT, JOBMAP_SLIDE]
        if focus_page:
            parts.append(FOCUS)
        if dark:
            parts.append(DARK)
    return "\n".join(parts)
