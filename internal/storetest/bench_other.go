//go:build !linux

package storetest

import "time"

// ThreadCPU is not measured on this platform: it returns 0.
func ThreadCPU() time.Duration { return 0 }

// ProcessCPU is not measured on this platform: it returns 0.
func ProcessCPU(int) time.Duration { return 0 }

// SelfCPU is not measured on this platform: it returns 0.
func SelfCPU() time.Duration { return 0 }
