"""Port-only stubs: a module with the task's interface whose outputs are all zero.

A testbench that such a stub passes checks nothing; the golden self-test requires it to fail.
"""

from __future__ import annotations

from workbench.task.format import Port, Task, TaskConfig, scala_field


def port_only_stub(config: TaskConfig) -> str:
    parameters = ", ".join(f"parameter {p.name} = {p.default}" for p in config.parameters)
    header = f"module {config.top}" + (f" #({parameters})" if parameters else "")
    ports = ",\n".join(f"    {_declaration(p)}" for p in config.ports)
    outputs = "".join(f"    assign {p.name} = '0;\n" for p in config.ports if p.direction == "output")
    return f"{header} (\n{ports}\n);\n{outputs}endmodule\n"


def _declaration(port: Port) -> str:
    kind = "logic" if port.direction == "output" else "wire"
    sign = " signed" if port.signed else ""
    width = f" [{port.width - 1}:0]" if port.width > 1 else ""
    return f"{port.direction} {kind}{sign}{width} {port.name}"


def chisel_port_only_stub(task: Task) -> str:
    """The same stub as a Chisel module (the class Chisel answers must define)."""
    config = task.config
    implicit = {signal.name for signal in (config.clock, config.reset) if signal is not None}
    fields = "".join(f"    val {scala_field(p.name)} = {'Input' if p.direction == 'input' else 'Output'}"
                     f"({'SInt' if p.signed else 'UInt'}({p.width}.W))\n"
                     for p in config.ports if p.name not in implicit)
    zeros = "".join(f"  io.{scala_field(p.name)} := {'0.S' if p.signed else '0.U'}\n"
                    for p in config.ports if p.direction == "output" and p.name not in implicit)
    return (f"import chisel3._\n\nclass {task.chisel_top} extends Module {{\n"
            f"  val io = IO(new Bundle {{\n{fields}  }})\n{zeros}}}\n")
