import chisel3._
import chisel3.util._

// line_buffer: row buffer for KxK windows over a raster-scan pixel stream. For each pixel at
// (row r, column c) it outputs one cycle later the K pixels of column c, slice i = pixel
// (r - i, c), rows above the frame reading as 0. The K-1 previous rows live in one
// IMG_WIDTH-deep memory of (K-1)-pixel words. The Chisel twin of line_buffer.sv.
class LineBuffer(IMG_WIDTH: Int = 16, PIXEL_WIDTH: Int = 8, K: Int = 3) extends Module {
  private val PW = PIXEL_WIDTH
  private val CW = log2Ceil(IMG_WIDTH)
  private val RW = log2Ceil(K) // K >= 2, so RW >= 1
  private val MW = (K - 1) * PW
  val io = IO(new Bundle {
    val in_valid   = Input(Bool())
    val in_sof     = Input(Bool())
    val in_pixel   = Input(UInt(PIXEL_WIDTH.W))
    val out_valid  = Output(Bool())
    val out_pixels = Output(UInt((K * PIXEL_WIDTH).W))
    val out_col    = Output(UInt(CW.W))
    val out_primed = Output(Bool())
  })
  private val lineMem = Mem(IMG_WIDTH, UInt(MW.W)) // not reset

  private val col       = RegInit(0.U(CW.W))
  private val rows      = RegInit(0.U(RW.W)) // completed rows, saturating at K-1
  private val outValid  = RegInit(false.B)
  private val outPixels = RegInit(0.U((K * PW).W))
  private val outCol    = RegInit(0.U(CW.W))
  private val outPrimed = RegInit(false.B)

  private val colEff  = Mux(io.in_sof, 0.U(CW.W), col)
  private val rowsEff = Mux(io.in_sof, 0.U(RW.W), rows)
  private val rdWord  = lineMem.read(colEff)
  private val column  = Cat(rdWord, io.in_pixel)
  private val shifted = column(MW - 1, 0)

  // Slice 0 (row r) always exists; slice i only once i rows have completed.
  private val masked = Cat((0 until K).reverse.map { i =>
    val slice = column((i + 1) * PW - 1, i * PW)
    if (i == 0) slice else Mux(i.U(RW.W) <= rowsEff, slice, 0.U(PW.W))
  })

  // Shift the column: the new pixel becomes row r-1 for the next row, the oldest drops out.
  when(io.in_valid) { lineMem.write(colEff, shifted) }

  private val lastCol = colEff === (IMG_WIDTH - 1).U(CW.W)
  private val fullRows = rowsEff === (K - 1).U(RW.W)

  outValid := io.in_valid
  when(io.in_valid) {
    col       := Mux(lastCol, 0.U, colEff + 1.U)
    rows      := Mux(lastCol && !fullRows, rowsEff + 1.U, rowsEff)
    outPixels := masked
    outCol    := colEff
    outPrimed := fullRows
  }

  io.out_valid  := outValid
  io.out_pixels := outPixels
  io.out_col    := outCol
  io.out_primed := outPrimed
}
