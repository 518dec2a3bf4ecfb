module dma_desc #(
  parameter AW = 8,
  parameter LW = 4
) (
  input  wire          clk,
  input  wire          rst_n,
  input  wire          start,
  input  wire          abort,
  input  wire          desc_valid,
  output wire          desc_ready,
  input  wire [AW-1:0] desc_src,
  input  wire [AW-1:0] desc_dst,
  input  wire [LW-1:0] desc_len,
  input  wire          desc_last,
  output wire          xfer_valid,
  input  wire          xfer_ready,
  output wire [AW-1:0] xfer_src,
  output wire [AW-1:0] xfer_dst,
  output wire [LW-1:0] beats_left,
  output wire          busy,
  output reg           done,
  output reg           err,
  output reg           irq
);
  localparam [1:0] IDLE = 2'd0, FETCH = 2'd1, XFER = 2'd2;

  reg [1:0]    state;
  reg [AW-1:0] src_q;
  reg [AW-1:0] dst_q;
  reg [LW-1:0] cnt;
  reg          last_q;

  assign busy       = (state != IDLE);
  assign desc_ready = (state == FETCH) && !abort;
  assign xfer_valid = (state == XFER) && !abort;
  assign xfer_src   = src_q;
  assign xfer_dst   = dst_q;
  assign beats_left = cnt;

  always @(posedge clk) begin
    if (!rst_n) begin
      state  <= IDLE;
      src_q  <= {AW{1'b0}};
      dst_q  <= {AW{1'b0}};
      cnt    <= {LW{1'b0}};
      last_q <= 1'b0;
      done   <= 1'b0;
      err    <= 1'b0;
      irq    <= 1'b0;
    end else begin
      done <= 1'b0;
      irq  <= 1'b0;
      case (state)
        IDLE: begin
          cnt <= {LW{1'b0}};
          if (start) begin
            state <= FETCH;
            err   <= 1'b0;
          end
        end
        FETCH: begin
          cnt <= {LW{1'b0}};
          if (abort) begin
            state <= IDLE;
            err   <= 1'b1;
            irq   <= 1'b1;
          end else if (desc_valid) begin
            if (desc_len == {LW{1'b0}}) begin
              state <= IDLE;
              err   <= 1'b1;
              irq   <= 1'b1;
            end else begin
              src_q  <= desc_src;
              dst_q  <= desc_dst;
              cnt    <= desc_len;
              last_q <= desc_last;
              state  <= XFER;
            end
          end
        end
        XFER: begin
          if (abort) begin
            state <= IDLE;
            cnt   <= {LW{1'b0}};
            err   <= 1'b1;
            irq   <= 1'b1;
          end else if (xfer_ready) begin
            src_q <= src_q + 1'b1;
            dst_q <= dst_q + 1'b1;
            cnt   <= cnt - 1'b1;
            if (cnt == {{(LW-1){1'b0}}, 1'b1}) begin
              if (last_q) begin
                state <= IDLE;
                done  <= 1'b1;
                irq   <= 1'b1;
              end else begin
                state <= FETCH;
              end
            end
          end
        end
        default: begin
          state <= IDLE;
          cnt   <= {LW{1'b0}};
        end
      endcase
    end
  end
endmodule
