import pytest

from workbench.answer.extract import ExtractionError, extract_verilog

ADDER = "module add(input [3:0] a, b, output [4:0] s);\n  assign s = a + b;\nendmodule"


def test_fenced_block_with_prose_around():
    answer = f"Here is the design:\n\n```verilog\n{ADDER}\n```\n\nIt adds two numbers."
    got = extract_verilog(answer)
    assert got.modules == ("add",)
    assert "assign s = a + b;" in got.code
    assert "It adds" not in got.code


def test_several_modules_across_blocks_are_all_kept():
    helper = "module half(input a, b, output s, c);\n  assign {c, s} = a + b;\nendmodule"
    answer = f"```systemverilog\n{helper}\n```\nand the top:\n```sv\n{ADDER}\n```"
    assert extract_verilog(answer).modules == ("half", "add")


def test_a_later_definition_replaces_an_earlier_one():
    fixed = ADDER.replace("a + b", "b + a")
    answer = f"```verilog\n{ADDER}\n```\nOops, corrected:\n```verilog\n{fixed}\n```"
    got = extract_verilog(answer)
    assert got.modules == ("add",)
    assert "b + a" in got.code and "a + b" not in got.code


def test_bare_code_without_fences():
    assert extract_verilog(f"Sure.\n{ADDER}\nDone.").modules == ("add",)


def test_other_language_fences_are_ignored():
    answer = f"```python\nprint('module x; endmodule')\n```\n```verilog\n{ADDER}\n```"
    assert extract_verilog(answer).modules == ("add",)


def test_unclosed_fence_still_yields_complete_modules():
    assert extract_verilog(f"```verilog\n{ADDER}\n").modules == ("add",)


def test_preprocessor_lines_are_kept():
    got = extract_verilog(f"```verilog\n`timescale 1ns/1ps\n{ADDER}\n```")
    assert got.code.startswith("`timescale 1ns/1ps")


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ("", "empty"),
        ("I cannot help with that.", "no Verilog module"),
        ("```verilog\nmodule add(input a, output b);\n  assign b = a;\n", "never reaches `endmodule`"),
    ],
)
def test_answers_without_a_module_are_rejected_with_a_reason(answer, reason):
    with pytest.raises(ExtractionError, match=reason):
        extract_verilog(answer)


def test_oversized_answers_are_rejected_quickly():
    with pytest.raises(ExtractionError, match="more than the"):
        extract_verilog("module x;\n" * 300_000)


def test_many_unterminated_modules_do_not_take_long():
    import time

    started = time.monotonic()
    with pytest.raises(ExtractionError):
        extract_verilog("module m(input a);\n" * 20_000)
    assert time.monotonic() - started < 20
