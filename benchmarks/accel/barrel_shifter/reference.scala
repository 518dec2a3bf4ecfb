import chisel3._
import chisel3.util._

// Four-mode combinational barrel shifter: logical left, logical right, arithmetic right and
// rotate left of a WIDTH-bit word by 0..WIDTH-1 positions.
class BarrelShifter(WIDTH: Int = 16) extends Module {
  require(isPow2(WIDTH) && WIDTH >= 2, "WIDTH must be a power of two, at least 2")
  val io = IO(new Bundle {
    val data_in  = Input(UInt(WIDTH.W))
    val shamt    = Input(UInt(log2Ceil(WIDTH).W))
    val mode     = Input(UInt(2.W))
    val data_out = Output(UInt(WIDTH.W))
  })
  private val d = io.data_in
  private val s = io.shamt

  private val shiftedLeft  = (d << s)(WIDTH - 1, 0)
  private val shiftedRight = d >> s
  private val shiftedArith = (d.asSInt >> s).asUInt
  private val rotated      = d.rotateLeft(s)

  io.data_out := MuxLookup(io.mode, rotated)(
    Seq(
      0.U -> shiftedLeft,
      1.U -> shiftedRight,
      2.U -> shiftedArith
    )
  )
}
