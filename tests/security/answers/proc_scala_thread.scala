// Hostile answer (outliving its scoring), Chisel: at elaboration the constructor leaves a thread
// running in the compile server. From 4 seconds on, for 12 seconds, it writes a marker file into
// every folder under the work folder: into the folders of the candidates scored after it, which a
// warm compile server elaborates next to it. The design itself is wrong (outputs zero).
import chisel3._
import java.nio.file.{Files, Paths}
import scala.jdk.CollectionConverters._

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
  private val lingering = new Thread(() => {
    val end = System.currentTimeMillis + 16000
    Thread.sleep(4000)
    while (System.currentTimeMillis < end) {
      try Files.walk(Paths.get("@WORKDIR@")).iterator.asScala.filter(Files.isDirectory(_)).toList.foreach { folder =>
        try Files.write(folder.resolve("late-@MARK@"), "late\n".getBytes)
        catch { case _: Exception => }
      }
      catch { case _: Exception => }
      Thread.sleep(200)
    }
  })
  lingering.setDaemon(true)
  lingering.start()
}
