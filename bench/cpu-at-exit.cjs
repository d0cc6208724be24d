// Preloaded with `node -r` by bench/run.mjs: reports the whole process's CPU time (start-up
// included) on stderr at exit, which on a busy machine is steadier than wall time.
process.on('exit', () => {
  const u = process.cpuUsage();
  process.stderr.write(`\ntrimsafe-bench-cpu-ms ${Math.round((u.user + u.system) / 1000)}\n`);
});
