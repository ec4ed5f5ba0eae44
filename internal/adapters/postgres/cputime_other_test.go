//go:build !linux

package postgres

import "time"

// threadCPU is not measured on this platform.
func threadCPU() time.Duration { return 0 }

// processCPU is not measured on this platform.
func processCPU(int) time.Duration { return 0 }
