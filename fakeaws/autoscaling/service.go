package autoscaling

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/backend"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// Namespace is the xmlns of Auto Scaling responses.
const Namespace = "http://autoscaling.amazonaws.com/doc/2011-01-01/"

// DefaultInterval is how often the reconciler runs at speed 1.
const DefaultInterval = 10 * time.Second

// minInterval bounds how often Start's loop runs, whatever the speed.
const minInterval = 100 * time.Millisecond

// Config configures the Auto Scaling service.
type Config struct {
	// EC2 launches and observes instances and resolves launch templates
	// and subnets; nil finds nothing and launches nothing.
	EC2 EC2
	// TargetGroups registers instances with ELBv2; nil knows no target
	// group.
	TargetGroups TargetGroups
	// TargetHealth, when set, reports unhealthy targets for groups whose
	// HealthCheckType is ELB; nil leaves them to EC2's checks.
	TargetHealth TargetHealth
	// Interval is how often Start's loop reconciles, on the clock; 0 means
	// DefaultInterval divided by Speed, at least 100ms.
	Interval time.Duration
	// Speed divides AWS's own delays (heartbeat timeouts, grace periods,
	// instance warmup, launch retries): 1 is real time, 10 ten times
	// faster, 0 (or less) makes them immediate.
	Speed float64
	// MaxGroups is the account's quota of groups per region; 0 means 500.
	MaxGroups int
	// Logger reports background failures; nil discards them.
	Logger *slog.Logger
}

// Service is the Auto Scaling service.
type Service struct {
	*awsapi.QueryService
	env backend.Env
	cfg Config
	ec2 EC2
	tgs TargetGroups

	// roundMu serialises rounds of the reconciler.
	roundMu sync.Mutex
	// kick wakes the loop after a request changed what a group wants.
	kick chan struct{}

	mu      sync.Mutex
	started bool
	cancel  context.CancelFunc
	wg      sync.WaitGroup
}

var (
	_ awsapi.Service       = (*Service)(nil)
	_ awsapi.ActionService = (*Service)(nil)
)

// New returns the Auto Scaling service.
func New(env backend.Env, cfg Config) *Service {
	if cfg.EC2 == nil {
		cfg.EC2 = noEC2{}
	}
	if cfg.TargetGroups == nil {
		cfg.TargetGroups = noTargetGroups{}
	}
	if cfg.MaxGroups <= 0 {
		cfg.MaxGroups = 500
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Service{env: env, cfg: cfg, ec2: cfg.EC2, tgs: cfg.TargetGroups, kick: make(chan struct{}, 1)}
	s.QueryService = &awsapi.QueryService{
		SigningName: "autoscaling",
		Namespace:   Namespace,
		Proto:       awsapi.ProtocolQuery,
		Actions:     s.actions(),
	}
	return s
}

// Start runs the reconciler on the clock until ctx ends or Close. It
// returns at once.
func (s *Service) Start(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.started {
		return nil
	}
	s.started = true
	ctx, s.cancel = context.WithCancel(ctx)
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.loop(ctx)
	}()
	return nil
}

// Close stops the loop started by Start and waits for it.
func (s *Service) Close() error {
	s.mu.Lock()
	cancel := s.cancel
	s.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	s.wg.Wait()
	return nil
}

func (s *Service) loop(ctx context.Context) {
	every := s.cfg.Interval
	if every <= 0 {
		every = max(s.scale(DefaultInterval), minInterval)
	}
	for {
		if err := s.Reconcile(ctx, s.env.Clock.Now()); err != nil && ctx.Err() == nil {
			s.cfg.Logger.Warn("autoscaling reconcile failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-s.env.Clock.After(every):
		case <-s.kick:
		}
	}
}

// wake asks the loop for a round now.
func (s *Service) wake() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// scale is one of AWS's delays at Config.Speed.
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

func (s *Service) view(fn func(tx *store.Tx) error) error   { return s.env.DB.View(fn) }
func (s *Service) update(fn func(tx *store.Tx) error) error { return s.env.DB.Update(fn) }

// now is a request's time as Auto Scaling records it: UTC, milliseconds.
func now(r *awsapi.Request) time.Time { return r.Now.UTC().Truncate(time.Millisecond) }
