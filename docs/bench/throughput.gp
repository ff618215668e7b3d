# Drawn by reflect-perf from throughput.dat: `gnuplot throughput.gp` in this directory writes throughput.svg and throughput.png.
set encoding utf8
set datafile missing '-'
set title 'Bulk TCP, appliance to client: median Mbit/s, bars min to max' noenhanced
set key outside right top noenhanced
set style data histograms
set style histogram errorbars gap 1 lw 1
set style fill solid 0.7 border -1
set boxwidth 0.9
set yrange [0:*]
set grid ytics
set xtics nomirror noenhanced
set ylabel 'Mbit/s'
set terminal svg size 1388,540 dynamic font 'sans,11' background rgb 'white'
set output 'throughput.svg'
plot 'throughput.dat' using 2:3:4:xtic(1) title '5.10 tcp1', \
     '' using 5:6:7 title '5.10 tcp4', \
     '' using 8:9:10 title '6.1 tcp1', \
     '' using 11:12:13 title '6.1 tcp4', \
     '' using 14:15:16 title '6.1-rt tcp1', \
     '' using 17:18:19 title '6.1-rt tcp4', \
     '' using 20:21:22 title '6.12 tcp1', \
     '' using 23:24:25 title '6.12 tcp4', \
     '' using 26:27:28 title 'sid tcp1', \
     '' using 29:30:31 title 'sid tcp4'
set terminal pngcairo size 1388,540 font 'sans,11' background rgb 'white'
set output 'throughput.png'
replot
set output
