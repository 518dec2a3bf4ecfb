import chisel3._

// Three-stage pipelined adder tree: eight signed DATA_W-bit elements are summed exactly into
// DATA_W+3 bits (four pair sums, then two, then one), with a valid bit travelling alongside.
class AdderTree(DATA_W: Int = 8) extends Module {
  val io = IO(new Bundle {
    val in_valid  = Input(Bool())
    val data_in   = Input(UInt((8 * DATA_W).W))
    val out_valid = Output(Bool())
    val sum       = Output(SInt((DATA_W + 3).W))
  })
  private val elements = Seq.tabulate(8)(i => io.data_in((i + 1) * DATA_W - 1, i * DATA_W).asSInt)

  // Each stage registers one level of the tree; the widening adds (+&) keep every sum exact.
  // The data registers need no reset: only the valid bits are cleared.
  private val stage1 = elements.grouped(2).map { case Seq(lo, hi) => RegNext(lo +& hi) }.toSeq
  private val stage2 = stage1.grouped(2).map { case Seq(lo, hi) => RegNext(lo +& hi) }.toSeq
  io.sum := RegNext(stage2(0) +& stage2(1))

  private val valid1 = RegNext(io.in_valid, false.B)
  private val valid2 = RegNext(valid1, false.B)
  io.out_valid := RegNext(valid2, false.B)
}
