import chisel3._
import chisel3.util._

// Two-row line buffer for a 3x3 window: for each pixel of row 2 or later of a frame it outputs,
// one cycle later, the column {two rows above, one row above, the pixel} at that position.
class LineBuffer(IMG_W: Int = 8, PIX_W: Int = 8) extends Module {
  require(IMG_W >= 2, "IMG_W must be at least 2")
  private val XW = log2Ceil(IMG_W)
  val io = IO(new Bundle {
    val in_valid     = Input(Bool())
    val in_pixel     = Input(UInt(PIX_W.W))
    val in_sof       = Input(Bool())
    val window_valid = Output(Bool())
    val out_x        = Output(UInt(XW.W))
    val out_column   = Output(UInt((3 * PIX_W).W))
  })
  // Pixels of the previous row and of the row before it, per column (not reset).
  private val above1 = Mem(IMG_W, UInt(PIX_W.W))
  private val above2 = Mem(IMG_W, UInt(PIX_W.W))

  // Tracked position of the next pixel; the row count saturates at 2.
  private val xQ = RegInit(0.U(XW.W))
  private val yQ = RegInit(0.U(2.W))

  private val windowValid = RegInit(false.B)
  private val outX        = Reg(UInt(XW.W))
  private val outColumn   = Reg(UInt((3 * PIX_W).W))

  // A start of frame puts its pixel at column 0 of row 0, whatever the tracked position.
  private val px     = Mux(io.in_sof, 0.U, xQ)
  private val py     = Mux(io.in_sof, 0.U, yQ)
  private val rowEnd = px === (IMG_W - 1).U

  windowValid := false.B
  // A pixel presented while reset is asserted is neither stored nor counted.
  when(io.in_valid && !reset.asBool) {
    val up1 = above1(px)
    val up2 = above2(px)
    windowValid := py === 2.U
    outX        := px
    outColumn   := Cat(up2, up1, io.in_pixel)
    above2(px)  := up1
    above1(px)  := io.in_pixel
    xQ          := Mux(rowEnd, 0.U, px + 1.U)
    yQ          := Mux(rowEnd && py =/= 2.U, py + 1.U, py)
  }

  io.window_valid := windowValid
  io.out_x        := outX
  io.out_column   := outColumn
}
