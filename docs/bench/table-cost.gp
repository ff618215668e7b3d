# Drawn by reflect-perf from table-cost.dat: `gnuplot table-cost.gp` in this directory writes table-cost.svg and table-cost.png.
set encoding utf8
set datafile missing '-'
set title 'Lookup cost against table size, peer mode (1/udp64 pps, relative to the smallest table)' noenhanced
set key outside right top noenhanced
set logscale x 10
set format x '%.0s%c'
set xlabel 'other entries in the table'
set ylabel 'cost relative to the smallest table'
set yrange [0:*]
set offsets graph 0.05, graph 0.05, graph 0.15, 0
set grid
set terminal svg size 960,540 dynamic font 'sans,11' background rgb 'white'
set output 'table-cost.svg'
plot 'table-cost.dat' using 1:2 with linespoints lw 2 pt 7 title '5.10', \
     '' using 1:3 with linespoints lw 2 pt 7 title '6.1', \
     '' using 1:4 with linespoints lw 2 pt 7 title '6.1-rt', \
     '' using 1:5 with linespoints lw 2 pt 7 title '6.12', \
     '' using 1:6 with linespoints lw 2 pt 7 title 'sid', \
     1.1 with lines dashtype 2 lc rgb 'gray40' title 'target at 1,000,000 entries'
set terminal pngcairo size 960,540 font 'sans,11' background rgb 'white'
set output 'table-cost.png'
replot
set output
