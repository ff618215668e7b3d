# Drawn by reflect-perf from udp64.dat: `gnuplot udp64.gp` in this directory writes udp64.svg and udp64.png.
set encoding utf8
set datafile missing '-'
set title 'UDP, 64-byte payloads, appliance to client: median packets/s, bars min to max' noenhanced
set key outside right top noenhanced
set style data histograms
set style histogram errorbars gap 1 lw 1
set style fill solid 0.7 border -1
set boxwidth 0.9
set yrange [0:*]
set grid ytics
set xtics nomirror noenhanced
set ylabel 'packets/s'
set terminal svg size 960,540 dynamic font 'sans,11' background rgb 'white'
set output 'udp64.svg'
plot 'udp64.dat' using 2:3:4:xtic(1) title '5.10', \
     '' using 5:6:7 title '6.1', \
     '' using 8:9:10 title '6.1-rt', \
     '' using 11:12:13 title '6.12', \
     '' using 14:15:16 title 'sid'
set terminal pngcairo size 960,540 font 'sans,11' background rgb 'white'
set output 'udp64.png'
replot
set output
