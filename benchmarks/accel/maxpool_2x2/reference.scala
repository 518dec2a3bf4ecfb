import chisel3._
import chisel3.util._

// Streaming 2x2 max pooling with stride 2 over rows of WIDTH signed 8-bit pixels. Only the top-row
// pair maxima of the current row pair (WIDTH/2 values) are stored.
class Maxpool2x2(WIDTH: Int = 8) extends Module {
  require(WIDTH >= 2 && WIDTH % 2 == 0, "WIDTH must be even, at least 2")
  private val HALF = WIDTH / 2
  val io = IO(new Bundle {
    val in_valid  = Input(Bool())
    val in_pixel  = Input(SInt(8.W))
    val out_valid = Output(Bool())
    val out_pixel = Output(SInt(8.W))
  })
  // Stream position of the next pixel: its column and whether it is in the bottom row of a pair.
  private val col    = RegInit(0.U(log2Ceil(WIDTH).W))
  private val bottom = RegInit(false.B)

  private val outValid = RegInit(false.B)
  private val outPixel = RegInit(0.S(8.W))

  // Datapath state without reset: the even-column pixel of the current pair, and the top-row
  // pair maximum of every block of the current row pair.
  private val left   = Reg(SInt(8.W))
  private val rowMax = Reg(Vec(HALF, SInt(8.W)))

  private def max(a: SInt, b: SInt): SInt = Mux(a > b, a, b)

  private val oddCol   = col(0)
  private val block    = col >> 1
  private val pairMax  = max(io.in_pixel, left)
  private val blockMax = max(pairMax, rowMax(block))

  outValid := false.B
  // Reset has priority: a pixel presented during reset is not accepted.
  when(io.in_valid && !reset.asBool) {
    when(!oddCol) {
      left := io.in_pixel
    }.elsewhen(!bottom) {
      rowMax(block) := pairMax
    }.otherwise {
      outPixel := blockMax
      outValid := true.B
    }
    when(col === (WIDTH - 1).U) {
      col    := 0.U
      bottom := !bottom
    }.otherwise {
      col := col + 1.U
    }
  }

  io.out_valid := outValid
  io.out_pixel := outPixel
}
