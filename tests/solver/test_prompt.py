import pytest

from workbench.solver.prompt import PromptError, render
from workbench.task.format import SpecLevel
from workbench.task.suite import find_task


def test_spec_to_rtl_prompt_has_spec_interface_and_template_version():
    task = find_task("sat_add")
    prompt = render(task)
    assert prompt.template == "spec-to-rtl@1"
    assert [m.role for m in prompt.messages] == ["system", "user"]
    request = prompt.messages[-1].content
    assert task.spec.detailed in request and "- input signed [7:0] a" in request and "Parameters: WIDTH = 8" in request


def test_summary_level_uses_the_summary():
    task = find_task("sat_add")
    request = render(task, SpecLevel.SUMMARY).messages[-1].content
    assert task.spec.summary in request and task.spec.detailed not in request


def test_few_shot_examples_are_pairs_of_other_tasks():
    task, example = find_task("sat_add"), find_task("popcount")
    prompt = render(task, examples=[example])
    assert [m.role for m in prompt.messages] == ["system", "user", "assistant", "user"]
    assert example.reference_text() in prompt.messages[2].content
    with pytest.raises(PromptError, match="own few-shot example"):
        render(task, examples=[task])


def test_demonstrations_go_into_the_request_within_the_budget():
    from workbench.solver.prompt import Demonstration

    task = find_task("sat_add")
    small = Demonstration("rtl_templates/x", "module x; endmodule")
    large = Demonstration("accel/y", "module y;\n" + "  wire w;\n" * 2000 + "endmodule")
    prompt = render(task, demonstrations=[small, large], budget_tokens=1000)
    request = prompt.messages[-1].content
    assert prompt.template == "spec-to-rtl@1+rag"
    assert "From rtl_templates/x:" in request and "module x; endmodule" in request
    assert "accel/y" not in request  # over the budget


def test_assertion_prompts_show_the_design_and_nl2sva_prompts_the_signals():
    from workbench.task.suite import load_suite

    task = next(t for t in load_suite("assert").tasks if t.id == "fifo_sync4")
    design = render(task)
    assert design.template == "assertion@1" and "SystemVerilog Assertions" in design.messages[0].content
    assert task.design_text() in design.messages[1].content and "disable iff (!rst_n)" in design.messages[1].content
    assert task.reference_text() not in design.messages[1].content
    posed = task.nl2sva_tasks()[0]
    prompt = render(posed)
    assert prompt.template == "nl2sva@1"
    assert posed.nl_property.text in prompt.messages[1].content
    assert "- internal [2:0] wptr" in prompt.messages[1].content and "- input [7:0] din" in prompt.messages[1].content
    assert posed.reference_text().strip() not in prompt.messages[1].content
