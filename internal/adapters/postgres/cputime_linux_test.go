//go:build linux

package postgres

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unsafe"
)

// threadCPU returns the CPU time used by the calling OS thread
// (CLOCK_THREAD_CPUTIME_ID). The caller must lock its goroutine to the
// thread.
func threadCPU() time.Duration {
	const clockThreadCPUTimeID = 3
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return 0
	}
	return time.Duration(ts.Nano())
}

// processCPU returns the CPU time process pid has run for, in
// nanoseconds, from the first field of /proc/<pid>/schedstat; 0 when it
// cannot be read (the server runs elsewhere, or the kernel lacks
// schedstats).
func processCPU(pid int) time.Duration {
	if pid <= 0 {
		return 0
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/schedstat")
	if err != nil {
		return 0
	}
	f, _, _ := strings.Cut(string(b), " ")
	ns, err := strconv.ParseInt(f, 10, 64)
	if err != nil {
		return 0
	}
	return time.Duration(ns)
}
