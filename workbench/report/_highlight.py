"""Syntax colouring for the HTML report: comments, strings, numbers, keywords and directives of
Verilog/SystemVerilog, Python and C++, as ``<span class="hl-...">`` around escaped text. A regular
expression per language is enough to read prompts and answers; nothing here parses."""

from __future__ import annotations

import html
import re
from functools import cache

_FENCE = re.compile(r"^([ \t]*```[ \t]*([\w+\-]*)[^\n]*\n)(.*?)(^[ \t]*```[^\n]*$|\Z)", re.MULTILINE | re.DOTALL)

_LANGUAGE_OF_TAG = {
    "verilog": "verilog", "systemverilog": "verilog", "sv": "verilog", "v": "verilog", "vh": "verilog",
    "svh": "verilog", "python": "python", "py": "python", "cpp": "cpp", "c++": "cpp", "cc": "cpp", "cxx": "cpp",
    "c": "cpp", "h": "cpp", "hpp": "cpp",
}

_KEYWORDS = {
    "verilog": """module endmodule input output inout wire reg logic bit byte int integer genvar parameter localparam
        assign always always_ff always_comb always_latch initial begin end if else case casez casex endcase default
        for while repeat forever generate endgenerate function endfunction task endtask posedge negedge or and not
        signed unsigned typedef enum struct packed union interface endinterface modport import export package
        endpackage property endproperty sequence endsequence assert assume cover disable iff return automatic
        unique priority break continue real string void const""",
    "python": """def class return if elif else for while in not and or is None True False import from as with try
        except finally raise assert yield lambda pass break continue global nonlocal async await del""",
    "cpp": """auto bool break case char class const constexpr continue default delete do double else enum explicit
        extern false float for friend goto if inline int long namespace new nullptr operator private protected public
        return short signed sizeof static static_cast struct switch template this true typedef typename union
        unsigned using virtual void volatile while include define pragma""",
}

_NUMBER = r"\b\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?\b|\b0[xX][0-9a-fA-F_]+\b"
_C_COMMENT = r"//[^\n]*|/\*.*?(?:\*/|\Z)"
_STRING = r'"(?:\\.|[^"\\\n])*"'

_TOKENS = {
    "verilog": [("comment", _C_COMMENT), ("string", _STRING),
                ("number", r"(?:\b\d+)?'[sS]?[bBoOdDhH][0-9a-fA-FxXzZ_?]+|" + _NUMBER),
                ("meta", r"`\w+|\$\w+"), ("word", r"\b[A-Za-z_]\w*\b")],
    "python": [("comment", r"#[^\n]*"), ("string", r'"""[\s\S]*?(?:"""|\Z)|\'\'\'[\s\S]*?(?:\'\'\'|\Z)|'
                                                   + _STRING + r"|'(?:\\.|[^'\\\n])*'"),
               ("number", _NUMBER), ("meta", r"@\w+"), ("word", r"\b[A-Za-z_]\w*\b")],
    "cpp": [("comment", _C_COMMENT), ("string", _STRING + r"|'(?:\\.|[^'\\\n])'"),
            ("meta", r"^[ \t]*#[ \t]*\w+"), ("number", _NUMBER + r"[uUlLfF]*"), ("word", r"\b[A-Za-z_]\w*\b")],
}


@cache
def _pattern(language: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<{name}>{regex})" for name, regex in _TOKENS[language]), re.MULTILINE | re.DOTALL)


@cache
def _keywords(language: str) -> frozenset[str]:
    return frozenset(_KEYWORDS[language].split())


def highlight_code(code: str, language: str) -> str:
    """``code`` as escaped HTML with its tokens in spans (``language``: verilog, python or cpp;
    any other is only escaped)."""
    if language not in _TOKENS:
        return html.escape(code)
    parts, position = [], 0
    for match in _pattern(language).finditer(code):
        kind, text = match.lastgroup, match.group()
        if kind == "word" and text not in _keywords(language):
            continue  # an identifier: plain, with the text around it
        parts.append(html.escape(code[position:match.start()]))
        css = "kw" if kind == "word" else kind
        parts.append(f'<span class="hl-{css}">{html.escape(text)}</span>')
        position = match.end()
    parts.append(html.escape(code[position:]))
    return "".join(parts)


def guess_language(code: str) -> str:
    """The language of untagged code, from telltale words ("" when none)."""
    if re.search(r"\bendmodule\b|\bmodule\s+\w+", code):
        return "verilog"
    if re.search(r"^[ \t]*#[ \t]*include\b|\bvoid\s+\w+\s*\(", code, re.MULTILINE):
        return "cpp"
    if re.search(r"^[ \t]*(?:def|import|from|class)\s+\w+", code, re.MULTILINE):
        return "python"
    return ""


def highlight_text(text: str) -> str:
    """A prompt or an answer as HTML: each fenced block coloured by its tag (or a guess), the
    prose between them escaped; text without fences is coloured when it looks like code."""
    if "```" not in text:
        return highlight_code(text, guess_language(text))
    parts, position = [], 0
    for match in _FENCE.finditer(text):
        opening, tag, body, closing = match.groups()
        parts.append(html.escape(text[position:match.start()]))
        language = _LANGUAGE_OF_TAG.get(tag.lower()) or guess_language(body)
        parts.append(f'<span class="hl-fence">{html.escape(opening)}</span>{highlight_code(body, language)}'
                     f'<span class="hl-fence">{html.escape(closing)}</span>')
        position = match.end()
    parts.append(html.escape(text[position:]))
    return "".join(parts)
