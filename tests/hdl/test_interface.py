from workbench.hdl.interface import check_interface

GOOD = """module doctor_counter(input logic clk, input logic rst_n, output logic [3:0] count);
  always_ff @(posedge clk) count <= rst_n ? count + 4'd1 : 4'd0;
endmodule"""


def test_matching_interface_passes(counter_task):
    report = check_interface(GOOD, counter_task.config)
    assert report.ok and report.checked


def test_missing_port_is_named(counter_task):
    code = GOOD.replace("input logic rst_n, ", "")
    report = check_interface(code, counter_task.config)
    assert not report.ok
    assert any("missing port 'rst_n'" in p for p in report.problems)


def test_wrong_width_direction_and_extra_port(counter_task):
    code = GOOD.replace("output logic [3:0] count", "output logic [7:0] count, output logic extra")
    problems = check_interface(code, counter_task.config).problems
    assert "port 'count' is 8 bits wide, expected 4" in problems
    assert "unexpected port 'extra' (output)" in problems


def test_widths_follow_default_parameters(counter_task):
    code = GOOD.replace("module doctor_counter(", "module doctor_counter #(parameter W = 4)(")
    code = code.replace("[3:0]", "[W-1:0]")
    assert check_interface(code, counter_task.config).ok


def test_wrong_module_name(counter_task):
    problems = check_interface(GOOD.replace("doctor_counter", "my_counter"), counter_task.config).problems
    assert problems == ["module 'doctor_counter' is not defined (modules found: my_counter)"]


def test_unparsable_code_is_left_to_the_compiler(counter_task):
    report = check_interface(GOOD.replace(";", "", 1), counter_task.config)
    assert report.ok and not report.checked
