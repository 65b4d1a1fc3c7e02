package ec2

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/compute"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/backend"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// Namespace is the xmlns of EC2 responses.
const Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/"

// DefaultNatGatewayDelay is about how long AWS takes to make a NAT gateway
// available, and to delete one.
const DefaultNatGatewayDelay = 90 * time.Second

// Config tunes the emulation.
type Config struct {
	// NatGatewayDelay is how long a NAT gateway stays pending after
	// CreateNatGateway and deleting after DeleteNatGateway; 0 moves it on
	// at the next request.
	NatGatewayDelay time.Duration
	// VpcLimit is the number of VPCs an account may have in a region; 0
	// means AWS's default quota of 5, a negative value no limit.
	VpcLimit int
	// ElasticIPLimit is the number of Elastic IPs an account may allocate
	// in a region; 0 means AWS's default of 5, negative no limit.
	ElasticIPLimit int
	// Runtime is told of every instance state change and reports on the
	// machines behind instances; nil means compute.Nop{}.
	Runtime compute.Runtime
	// InstanceBootDelay is how long an instance stays pending after
	// RunInstances or StartInstances (with a runtime that knows the
	// instance, also until the runtime reports it up).
	InstanceBootDelay time.Duration
	// InstanceStopDelay is how long an instance stays stopping.
	InstanceStopDelay time.Duration
	// InstanceTerminateDelay is how long an instance stays shutting-down.
	InstanceTerminateDelay time.Duration
	// TerminatedRetention is how long a terminated instance stays visible.
	TerminatedRetention time.Duration
	// VolumeDelay is how long a volume stays creating, attaching,
	// detaching or optimizing.
	VolumeDelay time.Duration
	// Logger records what fails outside a request's answer (a runtime's
	// Notify error); nil discards.
	Logger *slog.Logger
}

// Defaults of the compute half, about what AWS takes.
const (
	DefaultInstanceBootDelay      = 20 * time.Second
	DefaultInstanceStopDelay      = 30 * time.Second
	DefaultInstanceTerminateDelay = 30 * time.Second
	DefaultTerminatedRetention    = time.Hour
	DefaultVolumeDelay            = 5 * time.Second
)

// DefaultConfig is the configuration with AWS's delays, each passed
// through scale (fakeaws's --speed).
func DefaultConfig(scale func(time.Duration) time.Duration) Config {
	if scale == nil {
		scale = func(d time.Duration) time.Duration { return d }
	}
	return Config{
		NatGatewayDelay:        scale(DefaultNatGatewayDelay),
		InstanceBootDelay:      scale(DefaultInstanceBootDelay),
		InstanceStopDelay:      scale(DefaultInstanceStopDelay),
		InstanceTerminateDelay: scale(DefaultInstanceTerminateDelay),
		TerminatedRetention:    scale(DefaultTerminatedRetention),
		VolumeDelay:            scale(DefaultVolumeDelay),
	}
}

func (c Config) vpcLimit() int       { return quota(c.VpcLimit, 5) }
func (c Config) elasticIPLimit() int { return quota(c.ElasticIPLimit, 5) }

func quota(v, def int) int {
	switch {
	case v == 0:
		return def
	case v < 0:
		return int(^uint(0) >> 1)
	}
	return v
}

// Service is the EC2 service.
type Service struct {
	*awsapi.QueryService
	env backend.Env
	cfg Config
	// taggables finds the table of a resource from its ID prefix, for
	// CreateTags and DeleteTags.
	taggables map[string]taggable
	// timers handle the events of timers.go by name.
	timers map[string]timerFunc
	// instances looks up an instance for route targets; nil until the
	// compute half of EC2 provides one.
	instances func(tx *store.Tx, sc scope, id string) (instanceRef, bool, error)
}

// instanceRef is what the networking half needs to know of an instance.
type instanceRef struct {
	VpcID   string
	OwnerID string
	ENIID   string // primary network interface
	Running bool
}

// New returns the EC2 service.
func New(env backend.Env, cfg Config) *Service {
	if cfg.Runtime == nil {
		cfg.Runtime = compute.Nop{}
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Service{
		env:       env,
		cfg:       cfg,
		taggables: map[string]taggable{},
		timers:    map[string]timerFunc{},
	}
	actions := map[string]awsapi.ActionFunc{}
	for _, group := range []map[string]awsapi.ActionFunc{
		s.catalogueActions(),
		s.vpcActions(),
		s.gatewayActions(),
		s.routeActions(),
		s.securityGroupActions(),
		s.miscActions(),
		s.computeActions(),
	} {
		for name, fn := range group {
			actions[name] = dryRun(fn)
		}
	}
	s.registerTables()
	s.registerTimers()
	s.instances = s.instanceRefOf
	s.QueryService = &awsapi.QueryService{
		SigningName: "ec2",
		Namespace:   Namespace,
		Proto:       awsapi.ProtocolEC2,
		Actions:     actions,
	}
	return s
}

// dryRun answers DryRun=true requests as EC2 does for a caller allowed to
// make them, without acting.
func dryRun(fn awsapi.ActionFunc) awsapi.ActionFunc {
	return func(r *awsapi.Request, p awsapi.Params) (any, error) {
		if p.Get("DryRun") == "true" {
			return nil, awsapi.Errorf(http.StatusPreconditionFailed, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.")
		}
		return fn(r, p)
	}
}

// scope is what a handler's state belongs to: an account in a region, at
// the request's time.
type scope struct {
	account string
	region  string
	now     time.Time
}

func scopeOf(r *awsapi.Request) scope {
	return scope{account: r.Account(), region: r.Region, now: r.Now.UTC()}
}

// bucket is the store bucket of one kind of resource in the scope.
func (sc scope) bucket(tx *store.Tx, kind string) *store.Bucket {
	return tx.Bucket(sc.account, sc.region, "ec2", kind)
}

// update runs fn in the one read-write transaction of a mutating request,
// after settling the timers that are due.
func (s *Service) update(r *awsapi.Request, fn func(tx *store.Tx, sc scope) error) error {
	return s.updateIn(scopeOf(r), fn)
}

// updateIn is update for a scope of the Go API.
func (s *Service) updateIn(sc scope, fn func(tx *store.Tx, sc scope) error) error {
	return s.env.DB.Update(func(tx *store.Tx) error {
		if err := s.settle(tx, sc); err != nil {
			return err
		}
		return fn(tx, sc)
	})
}

// view runs fn in a read-only transaction, settling due timers first in a
// transaction of their own.
func (s *Service) view(r *awsapi.Request, fn func(tx *store.Tx, sc scope) error) error {
	return s.viewIn(scopeOf(r), fn)
}

// viewIn is view for a scope of the Go API.
func (s *Service) viewIn(sc scope, fn func(tx *store.Tx, sc scope) error) error {
	due := false
	if err := s.env.DB.View(func(tx *store.Tx) error {
		var err error
		due, err = s.anyDue(tx, sc)
		return err
	}); err != nil {
		return err
	}
	if due {
		if err := s.env.DB.Update(func(tx *store.Tx) error { return s.settle(tx, sc) }); err != nil {
			return err
		}
	}
	return s.env.DB.View(func(tx *store.Tx) error { return fn(tx, sc) })
}

// arn is the ARN of an EC2 resource: arn:aws:ec2:REGION:ACCOUNT:TYPE/ID.
func (s *Service) arn(sc scope, typ, id string) string {
	p := s.env.Partition
	if p == "" {
		p = "aws"
	}
	return "arn:" + p + ":ec2:" + sc.region + ":" + sc.account + ":" + typ + "/" + id
}

// newID returns an EC2-shaped ID: prefix-<17 hex digits>.
func (s *Service) newID(prefix string) string { return prefix + "-" + s.env.IDs.Hex(17) }
