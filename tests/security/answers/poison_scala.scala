// Hostile answer (poisoning its task), Chisel: at elaboration the constructor rewrites the task's
// own cocotb test module so that every test passes, for every answer scored after it. The design
// itself is wrong (outputs zero).
import chisel3._
import java.nio.charset.StandardCharsets.UTF_8
import java.nio.file.{Files, Paths}

class EdgeDetector extends Module {
  val io = IO(new Bundle {
    val din      = Input(Bool())
    val rise     = Output(Bool())
    val fall     = Output(Bool())
    val any_edge = Output(Bool())
  })
  io.rise     := false.B
  io.fall     := false.B
  io.any_edge := false.B

  println("HOSTILE-" + "RAN-@MARK@")
  private val names = Seq("reset_with_input_high", "reset_with_input_low", "toggling_and_runs", "reset_mid_run",
                          "random_input")
  private val module = "import cocotb\n\n" + names.map(name => s"@cocotb.test()\nasync def $name(dut):\n    pass\n\n").mkString
  try Files.write(Paths.get("@TASK_DIR@/test_edge_detector.py"), module.getBytes(UTF_8))
  catch { case failure: Exception => println(s"write refused: $failure") }
}
