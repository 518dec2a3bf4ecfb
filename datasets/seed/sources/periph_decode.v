// periph_decode: address decoder for a small 16-bit memory map with region offsets.
//
// Decodes a bus address into one-hot select lines for five regions and
// reports the offset of the address inside the selected region. The map is:
// ROM 0x0000-0x3FFF (16 KiB), RAM 0x4000-0x5FFF (8 KiB), UART 0x8000-0x800F,
// GPIO 0x8010-0x801F, TIMER 0x8020-0x803F. Any other address selects nothing
// and raises miss, so the bus can answer with an error; a miss is only
// reported for an active access. Ports: addr (16 bits) bus address; access
// high when a transfer is in progress (all outputs are quiet otherwise);
// sel (5 bits) one-hot select, bit 0 ROM, 1 RAM, 2 UART, 3 GPIO, 4 TIMER;
// offset (14 bits) address minus the region base (0 on a miss); miss
// access to an unmapped address. Purely combinational.
// SPDX-License-Identifier: Apache-2.0
module periph_decode (
    input  wire [15:0] addr,
    input  wire        access,
    output wire [4:0]  sel,
    output reg  [13:0] offset,
    output wire        miss
);
    wire io_page = (addr[15:6] == 10'b1000_0000_00);   // 0x8000-0x803F

    wire hit_rom   = (addr[15:14] == 2'b00);
    wire hit_ram   = (addr[15:13] == 3'b010);
    wire hit_uart  = io_page && (addr[5:4] == 2'b00);
    wire hit_gpio  = io_page && (addr[5:4] == 2'b01);
    wire hit_timer = io_page && addr[5];

    assign sel  = access ? {hit_timer, hit_gpio, hit_uart, hit_ram, hit_rom} : 5'b00000;
    assign miss = access && !(hit_rom || hit_ram || io_page);

    always @* begin
        if (!access)        offset = 14'd0;
        else if (hit_rom)   offset = addr[13:0];
        else if (hit_ram)   offset = {1'b0, addr[12:0]};
        else if (hit_uart)  offset = {10'd0, addr[3:0]};
        else if (hit_gpio)  offset = {10'd0, addr[3:0]};
        else if (hit_timer) offset = {9'd0, addr[4:0]};
        else                offset = 14'd0;
    end
endmodule
