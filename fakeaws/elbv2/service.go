package elbv2

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/compute"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/backend"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// Namespace is the xmlns of ELBv2 responses.
const Namespace = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/"

// DefaultProvisioningDelay is how long a new load balancer stays
// provisioning in AWS, give or take.
const DefaultProvisioningDelay = 150 * time.Second

// Config configures the ELBv2 service.
type Config struct {
	// Network looks up subnets, security groups and instances in EC2.
	// Nil finds nothing, so that no load balancer can be created.
	Network Network
	// Runtime reports on the machines behind instances, and the real
	// addresses where they serve their ports; nil is compute.Nop.
	Runtime compute.Runtime
	// ProvisioningDelay is how long a load balancer stays provisioning,
	// on the clock; 0 makes it active at once. The server passes
	// DefaultProvisioningDelay divided by its speed.
	ProvisioningDelay time.Duration
	// Speed divides the target groups' own timings (health-check
	// interval, deregistration delay): 1 is real time, 10 ten times
	// faster, 0 (or less) makes them immediate.
	Speed float64
	// ProbeTimeout caps the real time a health-check probe may take,
	// whatever the target group's timeout; 0 means 2s.
	ProbeTimeout time.Duration
	// RoundEvery is how often Start's loop runs a round, on the clock;
	// 0 means one second divided by Speed, at least 100ms.
	RoundEvery time.Duration
	// Logger reports background failures; nil discards them.
	Logger *slog.Logger
}

// Service is the ELBv2 service.
type Service struct {
	*awsapi.QueryService
	env backend.Env
	cfg Config
	net Network
	rt  compute.Runtime

	checker *checker

	// mu guards proxies and closed.
	mu      sync.Mutex
	proxies map[proxyKey]*proxy
	closed  bool
	// roundMu serialises rounds.
	roundMu sync.Mutex
	// ctx ends at Close; every goroutine of the service watches it.
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

var (
	_ awsapi.Service       = (*Service)(nil)
	_ awsapi.ActionService = (*Service)(nil)
)

// New returns the ELBv2 service.
func New(env backend.Env, cfg Config) *Service {
	if cfg.Network == nil {
		cfg.Network = noNetwork{}
	}
	if cfg.Runtime == nil {
		cfg.Runtime = compute.Nop{}
	}
	if cfg.ProbeTimeout <= 0 {
		cfg.ProbeTimeout = 2 * time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Service{
		env:     env,
		cfg:     cfg,
		net:     cfg.Network,
		rt:      cfg.Runtime,
		checker: newChecker(),
		proxies: map[proxyKey]*proxy{},
		ctx:     ctx,
		cancel:  cancel,
	}
	s.QueryService = &awsapi.QueryService{
		SigningName: "elasticloadbalancing",
		Namespace:   Namespace,
		Proto:       awsapi.ProtocolQuery,
		Actions: map[string]awsapi.ActionFunc{
			"CreateLoadBalancer":             s.createLoadBalancer,
			"DeleteLoadBalancer":             s.deleteLoadBalancer,
			"DescribeLoadBalancers":          s.describeLoadBalancers,
			"DescribeLoadBalancerAttributes": s.describeLoadBalancerAttributes,
			"ModifyLoadBalancerAttributes":   s.modifyLoadBalancerAttributes,
			"SetSubnets":                     s.setSubnets,
			"SetSecurityGroups":              s.setSecurityGroups,
			"CreateTargetGroup":              s.createTargetGroup,
			"DeleteTargetGroup":              s.deleteTargetGroup,
			"DescribeTargetGroups":           s.describeTargetGroups,
			"ModifyTargetGroup":              s.modifyTargetGroup,
			"DescribeTargetGroupAttributes":  s.describeTargetGroupAttributes,
			"ModifyTargetGroupAttributes":    s.modifyTargetGroupAttributes,
			"CreateListener":                 s.createListener,
			"DeleteListener":                 s.deleteListener,
			"DescribeListeners":              s.describeListeners,
			"ModifyListener":                 s.modifyListener,
			"DescribeListenerAttributes":     s.describeListenerAttributes,
			"ModifyListenerAttributes":       s.modifyListenerAttributes,
			"RegisterTargets":                s.registerTargets,
			"DeregisterTargets":              s.deregisterTargets,
			"DescribeTargetHealth":           s.describeTargetHealth,
			"AddTags":                        s.addTags,
			"RemoveTags":                     s.removeTags,
			"DescribeTags":                   s.describeTags,
			"DescribeAccountLimits":          s.describeAccountLimits,
		},
	}
	return s
}

// Start runs rounds of health checks and listener reconciliation on the
// clock until ctx ends (or Close), then closes every listener. It returns
// at once.
func (s *Service) Start(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.loop(ctx)
	}()
	return nil
}

func (s *Service) loop(ctx context.Context) {
	defer func() {
		s.mu.Lock()
		s.closed = true // no listener opens once the background work is over
		s.mu.Unlock()
		s.closeProxies()
	}()
	every := s.cfg.RoundEvery
	if every <= 0 {
		every = max(s.scale(time.Second), 100*time.Millisecond)
	}
	for {
		if err := s.Round(ctx); err != nil && ctx.Err() == nil {
			s.cfg.Logger.Warn("elbv2 round failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-s.ctx.Done():
			return
		case <-s.env.Clock.After(every):
		}
	}
}

// Close stops the loop, closes every listener and connection and waits
// for the service's goroutines to end.
func (s *Service) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.cancel()
	s.closeProxies()
	s.wg.Wait()
	return nil
}

// scale is a duration of the target groups' own timings at Config.Speed.
func (s *Service) scale(d time.Duration) time.Duration {
	if s.cfg.Speed <= 0 {
		return 0
	}
	return time.Duration(float64(d) / s.cfg.Speed)
}

func (s *Service) partition() string {
	if s.env.Partition == "" {
		return "aws"
	}
	return s.env.Partition
}

// scope is the account and region a request works in.
type scope struct{ account, region string }

func scopeOf(r *awsapi.Request) scope { return scope{r.Account(), r.Region} }

// Kinds of stored resources.
const (
	kindLBs       = "loadbalancers"
	kindTGs       = "targetgroups"
	kindListeners = "listeners"
	kindTargets   = "targets"
)

func (sc scope) bucket(tx *store.Tx, kind string) *store.Bucket {
	return tx.Bucket(sc.account, sc.region, "elbv2", kind)
}

// globalBucket indexes what must be found without an account: load
// balancer DNS names, and the scopes that have resources, for the
// background rounds.
func globalBucket(tx *store.Tx, kind string) *store.Bucket {
	return tx.Bucket("_global", "elbv2", kind)
}

func (s *Service) view(fn func(tx *store.Tx) error) error   { return s.env.DB.View(fn) }
func (s *Service) update(fn func(tx *store.Tx) error) error { return s.env.DB.Update(fn) }

// now is a request's time as ELBv2 records it: UTC, milliseconds.
func now(r *awsapi.Request) time.Time { return r.Now.UTC().Truncate(time.Millisecond) }
