import chisel3._
import chisel3.util._

// gemm_addr_gen: after start, emits the M*N addresses (row*N + col) of a row-major matrix tile by
// tile (TILE x TILE tiles in row-major tile order, row-major inside each tile), one per
// valid && ready handshake, with tile_first/tile_last markers and a one-cycle done pulse after
// the last handshake. All outputs are registered. The Chisel twin of gemm_addr_gen.sv.
class GemmAddrGen(M: Int = 8, N: Int = 8, TILE: Int = 4) extends Module {
  private val AW = log2Ceil(M * N)
  private val RW = log2Ceil(M)
  private val CW = log2Ceil(N)
  private val TW = if (TILE > 1) log2Ceil(TILE) else 1
  // An integer cut to w bits, like a SystemVerilog size cast.
  private def lit(v: Int, w: Int): UInt = (BigInt(v) & ((BigInt(1) << w) - 1)).U(w.W)

  val io = IO(new Bundle {
    val start      = Input(Bool())
    val valid      = Output(Bool())
    val ready      = Input(Bool())
    val addr       = Output(UInt(AW.W))
    val row        = Output(UInt(RW.W))
    val col        = Output(UInt(CW.W))
    val tile_first = Output(Bool())
    val tile_last  = Output(Bool())
    val done       = Output(Bool())
  })

  private val valid     = RegInit(false.B)
  private val done      = RegInit(false.B)
  private val row       = RegInit(0.U(RW.W))
  private val col       = RegInit(0.U(CW.W))
  private val rowBase   = RegInit(0.U(RW.W)) // first row of the current tile
  private val colBase   = RegInit(0.U(CW.W)) // first column of the current tile
  private val rOff      = RegInit(0.U(TW.W)) // position inside the tile
  private val cOff      = RegInit(0.U(TW.W))
  private val addr      = RegInit(0.U(AW.W))
  private val tileFirst = RegInit(false.B)
  private val tileLast  = RegInit(false.B)

  private val step  = valid && io.ready
  private val endC  = cOff === lit(TILE - 1, TW)
  private val endR  = rOff === lit(TILE - 1, TW)
  private val endTc = colBase === lit(N - TILE, CW)
  private val endTr = rowBase === lit(M - TILE, RW)

  // Position of the element after the current one.
  private val rowD     = WireDefault(row)
  private val colD     = WireDefault(col)
  private val rowBaseD = WireDefault(rowBase)
  private val colBaseD = WireDefault(colBase)
  private val rOffD    = WireDefault(rOff)
  private val cOffD    = WireDefault(cOff)
  when(!endC) { // next column inside the tile
    cOffD := cOff + 1.U
    colD  := col + 1.U
  }.elsewhen(!endR) { // next row inside the tile
    cOffD := 0.U
    rOffD := rOff + 1.U
    colD  := colBase
    rowD  := row + 1.U
  }.otherwise { // next tile
    cOffD := 0.U
    rOffD := 0.U
    when(!endTc) { // tile to the right
      colBaseD := colBase + lit(TILE, CW)
      rowD     := rowBase
    }.otherwise { // first tile of the next tile row
      colBaseD := 0.U
      rowBaseD := rowBase + lit(TILE, RW)
      rowD     := rowBase + lit(TILE, RW)
    }
    colD := colBaseD
  }

  done := false.B
  when(!valid) {
    when(io.start) {
      valid     := true.B
      row       := 0.U
      col       := 0.U
      rowBase   := 0.U
      colBase   := 0.U
      rOff      := 0.U
      cOff      := 0.U
      addr      := 0.U
      tileFirst := true.B
      tileLast  := (TILE == 1).B
    }
  }.elsewhen(step) {
    when(endC && endR && endTc && endTr) { // that was the last element
      valid := false.B
      done  := true.B
    }.otherwise {
      row       := rowD
      col       := colD
      rowBase   := rowBaseD
      colBase   := colBaseD
      rOff      := rOffD
      cOff      := cOffD
      addr      := (rowD.pad(AW) * lit(N, AW) + colD.pad(AW))(AW - 1, 0)
      tileFirst := rOffD === 0.U && cOffD === 0.U
      tileLast  := rOffD === lit(TILE - 1, TW) && cOffD === lit(TILE - 1, TW)
    }
  }

  io.valid      := valid
  io.done       := done
  io.addr       := addr
  io.row        := row
  io.col        := col
  io.tile_first := tileFirst
  io.tile_last  := tileLast
}
