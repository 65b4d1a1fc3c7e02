package ec2

import (
	"fmt"
	"strconv"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// Timers move resources from state to state in time without goroutines: a
// transition is stored with the time it is due, and the next request of
// the scope whose clock has passed that time applies it first, as of the
// due time. So a fake clock stepped past a NAT gateway's delay finds it
// available, and a restart loses no pending transition.

const timerKind = "timers"

// timerFunc applies one event to the resource id; at is when it was due.
type timerFunc func(tx *store.Tx, sc scope, id string, at time.Time) error

type timer struct {
	Event string    `json:"e"`
	ID    string    `json:"id"`
	At    time.Time `json:"at"`
}

// timerKey sorts timers by due time: 16 hex digits of Unix nanoseconds.
func timerKey(at time.Time, event, id string) string {
	return fmt.Sprintf("%016x/%s/%s", uint64(at.UnixNano()), event, id)
}

func timerDue(key string, now time.Time) bool {
	if len(key) < 16 {
		return true
	}
	n, err := strconv.ParseUint(key[:16], 16, 64)
	return err != nil || n <= uint64(now.UnixNano())
}

// schedule arranges for event to be applied to id at the given time.
func (s *Service) schedule(tx *store.Tx, sc scope, at time.Time, event, id string) error {
	if _, ok := s.timers[event]; !ok {
		return fmt.Errorf("ec2: no handler for timer event %q", event)
	}
	return sc.bucket(tx, timerKind).Put(timerKey(at, event, id), timer{Event: event, ID: id, At: at.UTC()})
}

// anyDue reports whether a timer of the scope is due.
func (s *Service) anyDue(tx *store.Tx, sc scope) (bool, error) {
	due := false
	err := sc.bucket(tx, timerKind).Scan("", "", func(k string, _ []byte) (bool, error) {
		due = timerDue(k, sc.now)
		return false, nil
	})
	if err != nil || due {
		return due, err
	}
	return s.bootWaitDue(tx, sc)
}

// maxSettle bounds the events one settle applies, against a handler that
// keeps scheduling events already due.
const maxSettle = 10000

// settle applies every due timer of the scope in due order.
func (s *Service) settle(tx *store.Tx, sc scope) error {
	b := sc.bucket(tx, timerKind)
	for n := 0; n < maxSettle; n++ {
		var (
			key string
			t   timer
		)
		if err := b.Scan("", "", func(k string, raw []byte) (bool, error) {
			if timerDue(k, sc.now) {
				key = k
			}
			return false, nil
		}); err != nil {
			return err
		}
		if key == "" {
			return s.settleBootWait(tx, sc)
		}
		if _, err := b.Get(key, &t); err != nil {
			return err
		}
		if err := b.Delete(key); err != nil {
			return err
		}
		fn, ok := s.timers[t.Event]
		if !ok {
			continue // an event of a newer fakeaws: drop it
		}
		if err := fn(tx, sc, t.ID, t.At); err != nil {
			return fmt.Errorf("ec2: timer %s %s: %w", t.Event, t.ID, err)
		}
	}
	return nil
}

// registerTimers names the timer handlers.
func (s *Service) registerTimers() {
	s.timers[evNatReady] = s.natReady
	s.timers[evNatDeleted] = s.natDeleted
	s.timers[evNatPurge] = s.natPurge
	s.timers[evInstanceBoot] = s.instanceBoot
	s.timers[evInstanceStopped] = s.instanceStopped
	s.timers[evInstanceTerminated] = s.instanceTerminated
	s.timers[evInstancePurge] = s.instancePurge
	s.timers[evVolumeReady] = s.volumeReady
	s.timers[evVolumeAttached] = s.volumeAttached
	s.timers[evVolumeDetached] = s.volumeDetached
	s.timers[evVolumeModified] = s.volumeModified
}
