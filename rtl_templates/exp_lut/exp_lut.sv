// exp_lut: exp(x) for x <= 0 by table lookup, for softmax (x = score - max score).
//
// Input x: signed IN_WIDTH-bit fixed point with IN_FRAC fraction bits (value x / 2**IN_FRAC).
// Positive inputs are treated as 0. Let d = -x >= 0. The table holds SIZE = 2**TABLE_BITS
// entries spaced 2**-TABLE_FRAC apart:
//     table[i] = round(exp(-i / 2**TABLE_FRAC) * 2**OUT_FRAC)        (i = 0 .. SIZE-1)
// computed at elaboration time with integer arithmetic (see exp_entry below). d is rounded to
// the table grid, index = round_half_up(d * 2**(TABLE_FRAC-IN_FRAC)); indices >= SIZE give 0.
// Output: unsigned fixed point with OUT_FRAC fraction bits, OUT_FRAC+1 bits wide (1.0 fits).
// One register stage: x sampled with in_valid on a rising edge appears on y with out_valid right
// after that edge; y holds while in_valid is 0. Synchronous active-low reset clears out_valid, y.
module exp_lut #(
    parameter int IN_WIDTH   = 16,
    parameter int IN_FRAC    = 8,
    parameter int TABLE_BITS = 8,
    parameter int TABLE_FRAC = 4,
    parameter int OUT_FRAC   = 15
) (
    input  logic                       clk,
    input  logic                       rst_n,
    input  logic                       in_valid,
    input  logic signed [IN_WIDTH-1:0] x,
    output logic                       out_valid,
    output logic [OUT_FRAC:0]          y
);
    localparam int SIZE  = 1 << TABLE_BITS;
    localparam int OUT_W = OUT_FRAC + 1;
    localparam int DROP  = IN_FRAC - TABLE_FRAC;           // input fraction bits below the grid
    localparam int IW    = IN_WIDTH + 1 + ((DROP < 0) ? -DROP : 0);
    localparam int CW    = (IW > TABLE_BITS + 1) ? IW : TABLE_BITS + 1;  // compare width

    // ---- Table generation (elaboration time, integer arithmetic only) -------------------------
    // Values are fixed point with PREC fraction bits in 128-bit unsigned integers. Every division
    // and shift truncates; the Python model in test_exp_lut.py repeats the same steps bit-exactly.
    localparam int PREC = 60;

    // exp(-num / 2**den_log2) * 2**PREC for 0 <= num <= 2**den_log2, by its Taylor series:
    // term_k = term_{k-1} * num / (k * 2**den_log2); even terms add, odd terms subtract.
    function automatic logic [127:0] exp_small(input int num, input int den_log2);
        logic [127:0] term;
        logic [127:0] plus;
        logic [127:0] minus;
        term  = 128'd1 << PREC;
        plus  = term;
        minus = '0;
        for (int k = 1; k <= 30; k++) begin
            term = (term * 128'(num)) / (128'(k) << den_log2);
            if (k % 2 == 1) minus = minus + term;
            else            plus  = plus + term;
        end
        return plus - minus;
    endfunction

    // exp(-i / 2**TABLE_FRAC) rounded (half up) to OUT_FRAC fraction bits:
    // exp(-frac) from exp_small, times exp(-1)**whole by square-and-multiply (16 bits of whole).
    function automatic logic [OUT_W-1:0] exp_entry(input int i);
        logic [127:0] value;
        logic [127:0] power;
        int           whole;
        whole = i >> TABLE_FRAC;
        value = exp_small(i - (whole << TABLE_FRAC), TABLE_FRAC);
        power = exp_small(1, 0);                            // exp(-1)
        for (int bit_index = 0; bit_index < 16; bit_index++) begin
            if (((whole >> bit_index) & 1) == 1) value = (value * power) >> PREC;
            power = (power * power) >> PREC;
        end
        value = (value + (128'd1 << (PREC - OUT_FRAC - 1))) >> (PREC - OUT_FRAC);
        return value[OUT_W-1:0];
    endfunction

    // The whole table as one packed constant, entry i at [i*OUT_W +: OUT_W].
    // Every bit is written by the loop. (The loop variable is declared outside the loop and the
    // function takes an argument so that Icarus accepts it as a constant function.)
    function automatic logic [SIZE*OUT_W-1:0] build_table(input int count);
        logic [SIZE*OUT_W-1:0] entries;
        int                    i;
        for (i = 0; i < count; i++) entries[i*OUT_W +: OUT_W] = exp_entry(i);
        return entries;
    endfunction

    localparam logic [SIZE*OUT_W-1:0] TABLE = build_table(SIZE);

    // ---- Lookup ------------------------------------------------------------------------------
    logic [IN_WIDTH-1:0]   magnitude;                      // d = -x (0 for x >= 0)
    logic [IW-1:0]         index_full;
    logic [CW-1:0]         index_wide;
    logic [TABLE_BITS-1:0] index;
    logic                  in_table;
    logic [OUT_W-1:0]      lookup;

    assign magnitude = x[IN_WIDTH-1] ? (~x + 1'b1) : '0;
    if (DROP > 0) begin : g_round
        assign index_full = (IW'(magnitude) + (IW'(1) << (DROP - 1))) >> DROP;
    end else begin : g_scale
        assign index_full = IW'(magnitude) << (-DROP);
    end
    assign index_wide = CW'(index_full);
    assign in_table   = index_wide < CW'(SIZE);
    assign index      = index_wide[TABLE_BITS-1:0];
    assign lookup     = in_table ? TABLE[index*OUT_W +: OUT_W] : '0;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            out_valid <= 1'b0;
            y         <= '0;
        end else begin
            out_valid <= in_valid;
            if (in_valid) y <= lookup;
        end
    end
endmodule
