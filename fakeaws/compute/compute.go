// Package compute declares the node-runtime hook: what fakeaws tells a
// runtime when an EC2 instance launches, stops, starts or terminates, and
// what the runtime reports back about the machine behind it.
//
// fakeaws declares the hook and does not implement it beyond Nop; the
// simulator and the kind runtime implement it. With Nop, fakeaws behaves
// as a faithful emulator whose instances are states on a clock.
package compute

import (
	"context"
	"net/netip"
	"time"
)

// Instance is what a runtime is told about an instance at launch.
type Instance struct {
	ID               string
	Account          string
	Region           string
	AvailabilityZone string
	SubnetID         string
	VpcID            string
	PrivateIP        netip.Addr
	InstanceType     string
	ImageID          string
	Tags             map[string]string
	// UserData is the decoded user data (cloud-init, for drydock's nodes).
	UserData   []byte
	LaunchTime time.Time
}

// EventKind is what happened to an instance.
type EventKind int

const (
	// Launched: the instance entered pending; the runtime should boot it.
	Launched EventKind = iota
	// Stopped: the instance is stopping; the runtime should halt it.
	Stopped
	// Started: a stopped instance is starting again.
	Started
	// Terminated: the instance is shutting down for good.
	Terminated
)

func (k EventKind) String() string {
	switch k {
	case Launched:
		return "launched"
	case Stopped:
		return "stopped"
	case Started:
		return "started"
	case Terminated:
		return "terminated"
	}
	return "unknown"
}

// Event is one state change of an instance. For Launched, Instance is
// complete; for the others only Instance.ID, Account and Region are
// guaranteed.
type Event struct {
	Kind     EventKind
	Instance Instance
}

// Status is a runtime's report on the machine behind an instance.
type Status struct {
	// Known is false when the runtime has no opinion: EC2's own state
	// machine alone decides (the Nop runtime).
	Known bool
	// Up: the machine has booted.
	Up bool
	// Healthy: the machine passes its system and instance status checks.
	Healthy bool
	// Ports maps an instance port to a real address on this host where that
	// port is served, for load balancers to forward to and health-check.
	Ports map[int]netip.AddrPort
}

// Runtime brings instances to life.
type Runtime interface {
	// Notify tells the runtime an instance changed state. It must not
	// block for long: boot asynchronously and report through Status.
	Notify(ctx context.Context, ev Event) error
	// Status reports on the machine behind instance id.
	Status(id string) Status
}

// Nop is the runtime that does nothing: instances are only states.
type Nop struct{}

// Notify implements Runtime.
func (Nop) Notify(context.Context, Event) error { return nil }

// Status implements Runtime.
func (Nop) Status(string) Status { return Status{} }

var _ Runtime = Nop{}
