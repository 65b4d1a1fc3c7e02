package ec2

import (
	"context"
	"net/netip"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/compute"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// Instance states and their codes.
const (
	statePending      = "pending"
	stateRunning      = "running"
	stateShuttingDown = "shutting-down"
	stateTerminated   = "terminated"
	stateStopping     = "stopping"
	stateStopped      = "stopped"
)

var stateCodes = map[string]int{
	statePending: 0, stateRunning: 16, stateShuttingDown: 32, stateTerminated: 48, stateStopping: 64, stateStopped: 80,
}

// instance is an EC2 instance.
type instance struct {
	base
	OwnerID       string    `json:"owner"`
	ReservationID string    `json:"reservation"`
	LaunchIndex   int       `json:"launchIndex"`
	State         string    `json:"state"`
	StateSince    time.Time `json:"stateSince"`
	// BootAt is when the current pending period may end.
	BootAt      time.Time `json:"bootAt,omitempty"`
	Reason      string    `json:"reason,omitempty"` // stateTransitionReason
	StateReason string    `json:"stateReason,omitempty"`

	ImageID      string `json:"image"`
	InstanceType string `json:"type"`
	KeyName      string `json:"keyName,omitempty"`
	UserData     string `json:"userData,omitempty"` // base64
	AZ           string `json:"az"`
	AZID         string `json:"azId"`
	Tenancy      string `json:"tenancy"`
	SubnetID     string `json:"subnet"`
	VpcID        string `json:"vpc"`
	PrivateIP    string `json:"privateIp"`
	PublicIP     string `json:"publicIp,omitempty"`
	// MapPublicIP: the instance gets a public address whenever it runs.
	MapPublicIP bool     `json:"mapPublicIp,omitempty"`
	ENIs        []string `json:"enis"` // primary first
	Groups      []string `json:"groups"`

	IamArn string `json:"iamArn,omitempty"`
	IamID  string `json:"iamId,omitempty"`

	RootDevice string        `json:"rootDevice"`
	Devices    []blockDevice `json:"devices,omitempty"`

	LaunchTime            time.Time    `json:"launchTime"`
	DisableAPITermination bool         `json:"disableApiTermination,omitempty"`
	DisableAPIStop        bool         `json:"disableApiStop,omitempty"`
	ShutdownBehavior      string       `json:"shutdownBehavior"`
	EbsOptimized          bool         `json:"ebsOptimized,omitempty"`
	Monitoring            bool         `json:"monitoring,omitempty"`
	Metadata              metadataOpts `json:"metadata"`
	CPUCredits            string       `json:"cpuCredits,omitempty"`
	Spot                  bool         `json:"spot,omitempty"`
	Architecture          string       `json:"arch"`
	PlatformDetails       string       `json:"platformDetails"`
	BootMode              string       `json:"bootMode,omitempty"`

	LaunchTemplate *ltRef `json:"launchTemplate,omitempty"`
	ClientToken    string `json:"clientToken,omitempty"`
}

type blockDevice struct {
	Device              string    `json:"device"`
	VolumeID            string    `json:"volume"`
	DeleteOnTermination bool      `json:"deleteOnTermination"`
	AttachTime          time.Time `json:"attachTime"`
}

type metadataOpts struct {
	HTTPTokens   string `json:"tokens"`
	HTTPEndpoint string `json:"endpoint"`
	HopLimit     int    `json:"hopLimit"`
	Tags         string `json:"tags"`
}

// ltRef is the launch template version an instance was launched from.
type ltRef struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Version int64  `json:"version"`
}

var instances = &table[instance, *instance]{
	kind: "instances", prefix: "i", resourceType: "instance", noun: "instance",
	notFoundCode: "InvalidInstanceID.NotFound", malformedCode: "InvalidInstanceID.Malformed",
}

// gone reports whether the instance no longer holds resources.
func (x *instance) gone() bool { return x.State == stateShuttingDown || x.State == stateTerminated }

func (x *instance) setState(state string, at time.Time) {
	x.State, x.StateSince = state, at
}

// instanceRefOf is the Service.instances hook: routes target instances.
func (s *Service) instanceRefOf(tx *store.Tx, sc scope, id string) (instanceRef, bool, error) {
	if !validID("i", id) {
		return instanceRef{}, false, nil
	}
	x, ok, err := instances.find(tx, sc, id)
	if err != nil || !ok || x.State == stateTerminated {
		return instanceRef{}, false, err
	}
	ref := instanceRef{VpcID: x.VpcID, OwnerID: x.OwnerID, Running: x.State == stateRunning}
	if len(x.ENIs) > 0 {
		ref.ENIID = x.ENIs[0]
	}
	return ref, true, nil
}

// computeInstance is what a runtime is told of an instance.
func (x *instance) computeInstance(sc scope) compute.Instance {
	tags := make(map[string]string, len(x.Tags))
	for _, t := range x.Tags {
		tags[t.Key] = t.Value
	}
	ip, _ := netip.ParseAddr(x.PrivateIP)
	return compute.Instance{
		ID: x.ID, Account: sc.account, Region: sc.region, AvailabilityZone: x.AZ, SubnetID: x.SubnetID,
		VpcID: x.VpcID, PrivateIP: ip, InstanceType: x.InstanceType, ImageID: x.ImageID, Tags: tags,
		UserData: decodedUserData(x.UserData), LaunchTime: x.LaunchTime,
	}
}

// events collects the runtime notifications of a transaction, sent once
// it has committed.
type events []compute.Event

func (e *events) add(kind compute.EventKind, inst compute.Instance) {
	*e = append(*e, compute.Event{Kind: kind, Instance: inst})
}

// notify tells the runtime; a runtime's error is logged, not answered.
func (s *Service) notify(ctx context.Context, evs events) {
	for _, ev := range evs {
		if err := s.cfg.Runtime.Notify(ctx, ev); err != nil {
			s.cfg.Logger.Warn("ec2: runtime notify failed", "event", ev.Kind.String(), "instance", ev.Instance.ID, "err", err)
		}
	}
}

// healthy reports the status checks of a running instance: false only
// when a runtime that knows the instance reports it unhealthy.
func (s *Service) healthy(id string) bool {
	st := s.cfg.Runtime.Status(id)
	return !st.Known || st.Healthy
}
