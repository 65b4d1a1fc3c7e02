package awstest

import (
	"slices"
	"sync"
	"time"

	"k8s.io/utils/clock"
	clocktesting "k8s.io/utils/clock/testing"
)

// SettlingClock is a fake clock on which every pause (a timer of the
// driver waiting for AWS) moves time on at once and then calls settle,
// which lets a fakeaws with manual settling do its background work (Auto
// Scaling removes a force-deleted group, …). Tests wait for nothing.
type SettlingClock struct {
	*clocktesting.FakeClock
	settle func()
	mu     sync.Mutex
	pauses []time.Duration
}

// NewSettlingClock returns a SettlingClock at the Unix epoch.
func NewSettlingClock(settle func()) *SettlingClock {
	return &SettlingClock{FakeClock: clocktesting.NewFakeClock(time.Unix(0, 0)), settle: settle}
}

// NewTimer implements clock.Clock: the timer fires at once.
func (c *SettlingClock) NewTimer(d time.Duration) clock.Timer {
	c.mu.Lock()
	c.pauses = append(c.pauses, d)
	c.mu.Unlock()
	t := c.FakeClock.NewTimer(d)
	c.Step(d)
	c.settle()
	return t
}

// Pauses returns the pauses taken so far.
func (c *SettlingClock) Pauses() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.pauses)
}
