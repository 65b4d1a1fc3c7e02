package fakeaws

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/autoscaling"
	"github.com/drydock-sandbox/drydock/fakeaws/compute"
	"github.com/drydock-sandbox/drydock/fakeaws/ec2"
	"github.com/drydock-sandbox/drydock/fakeaws/elbv2"
	"github.com/drydock-sandbox/drydock/fakeaws/iam"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/backend"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/creds"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/ids"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/sigv4"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
	"github.com/drydock-sandbox/drydock/fakeaws/route53"
	"github.com/drydock-sandbox/drydock/fakeaws/s3"
	"github.com/drydock-sandbox/drydock/fakeaws/sts"
	"k8s.io/utils/clock"
)

// Server is fakeaws: an http.Handler serving every emulated service.
type Server struct {
	opts     options
	db       *store.DB
	env      backend.Env
	creds    *creds.Store
	verifier *sigv4.Verifier
	services map[string]awsapi.Service // by signing name
	// byAction lists the query services asked, in order, for the Action of
	// a request that names no service.
	byAction []awsapi.ActionService
	// reqIDs draws request IDs apart from env.IDs, so that resource IDs
	// depend only on the calls that create resources.
	reqIDs  *ids.Source
	s3      awsapi.Service
	route53 *route53.Service
	elbv2   *elbv2.Service
	// autoscaling reconciles groups in the background.
	autoscaling *autoscaling.Service
	started     time.Time
}

// Starter is a service with work to do before serving (recovery) or in the
// background until ctx ends.
type Starter interface {
	Start(ctx context.Context) error
}

// New opens the state and builds the server.
func New(opts ...Option) (*Server, error) {
	o := options{
		auth:           true,
		defaultAccount: DefaultAccount,
		clock:          clock.RealClock{},
		logger:         slog.New(slog.DiscardHandler),
		maxBody:        10 << 20,
		maxObjectBody:  5 << 30,
		speed:          1,
		runtime:        compute.Nop{},
	}
	for _, opt := range opts {
		opt(&o)
	}
	db, err := store.Open(store.Options{Dir: o.dataDir, Fsync: o.fsync})
	if err != nil {
		return nil, err
	}
	keys := []creds.Key{{AccessKey: DefaultAccessKey, Secret: DefaultSecret, Account: o.defaultAccount}}
	for _, k := range o.keys {
		if k.ID == "" || k.Secret == "" {
			_ = db.Close()
			return nil, fmt.Errorf("access key needs both an ID and a secret")
		}
		acct := k.Account
		if acct == "" {
			acct = o.defaultAccount
		}
		if !validAccount(acct) {
			_ = db.Close()
			return nil, fmt.Errorf("account %q: an AWS account ID is 12 digits", acct)
		}
		keys = append(keys, creds.Key{AccessKey: k.ID, Secret: k.Secret, Account: acct})
	}
	if !validAccount(o.defaultAccount) {
		_ = db.Close()
		return nil, fmt.Errorf("account %q: an AWS account ID is 12 digits", o.defaultAccount)
	}
	s := &Server{
		opts:     o,
		db:       db,
		env:      backend.Env{DB: db, Clock: o.clock, IDs: ids.New(o.seed), Partition: "aws"},
		creds:    creds.New(db, keys),
		services: map[string]awsapi.Service{},
		started:  o.clock.Now(),
		reqIDs:   ids.New(reqSeed(o.seed)),
	}
	s.verifier = &sigv4.Verifier{Lookup: s.creds.Lookup, Now: o.clock.Now}
	iamSvc := iam.New(s.env)
	stsSvc := sts.New(s.env, func(account, name string) (string, bool, error) {
		return iam.LookupRoleID(db, account, name)
	})
	s3Svc := s3.New(s.env, s3.Config{MaxObjectSize: o.maxObjectBody, VirtualHosts: o.s3Hosts})
	s.s3 = s3Svc
	s.route53 = route53.New(s.env, route53.Config{ChangeDelay: o.scale(route53.DefaultChangeDelay)})
	ec2Cfg := ec2.DefaultConfig(o.scale)
	if o.ec2 != nil {
		ec2Cfg = *o.ec2
	}
	if ec2Cfg.Runtime == nil {
		ec2Cfg.Runtime = o.runtime
	}
	if ec2Cfg.Logger == nil {
		ec2Cfg.Logger = o.logger
	}
	ec2Svc := ec2.New(s.env, ec2Cfg)
	s.elbv2 = elbv2.New(s.env, elbv2.Config{
		Network:           ec2Network{ec2Svc},
		Runtime:           o.runtime,
		ProvisioningDelay: o.scale(elbv2.DefaultProvisioningDelay),
		Speed:             o.speed,
		Logger:            o.logger,
	})
	s.autoscaling = autoscaling.New(s.env, autoscaling.Config{
		EC2:          ec2Fleet{ec2Svc},
		TargetGroups: elbTargets{s.elbv2},
		TargetHealth: elbTargets{s.elbv2},
		Speed:        o.speed,
		Logger:       o.logger,
	})
	for _, svc := range []awsapi.Service{stsSvc, iamSvc, s3Svc, s.route53, ec2Svc, s.elbv2, s.autoscaling} {
		s.services[svc.Name()] = svc
		if as, ok := svc.(awsapi.ActionService); ok {
			s.byAction = append(s.byAction, as)
		}
	}
	return s, nil
}

func reqSeed(seed uint64) uint64 {
	if seed == 0 {
		return 0
	}
	return seed ^ 0x9e3779b97f4a7c15
}

func validAccount(id string) bool {
	if len(id) != 12 {
		return false
	}
	for _, c := range id {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Start runs the services' recovery and background work until ctx ends.
func (s *Server) Start(ctx context.Context) error {
	for _, name := range sortedKeys(s.services) {
		if s.opts.manualSettle && (name == s.autoscaling.Name() || name == s.elbv2.Name()) {
			continue // the caller calls Settle
		}
		if st, ok := s.services[name].(Starter); ok {
			if err := st.Start(ctx); err != nil {
				return fmt.Errorf("start %s: %w", name, err)
			}
		}
	}
	return nil
}

// Services lists the signing names of the services served, sorted.
func (s *Server) Services() []string { return sortedKeys(s.services) }

// DefaultAccount is the account of the default key and of unsigned
// requests.
func (s *Server) DefaultAccount() string { return s.opts.defaultAccount }

// Route53 is the Route 53 service, for its DNS server
// (route53.NewDNSServer).
func (s *Server) Route53() *route53.Service { return s.route53 }

// Close stops the services' background work and listeners and releases
// the state; a temporary state directory is removed.
func (s *Server) Close() error {
	_ = s.autoscaling.Close()
	_ = s.elbv2.Close()
	return s.db.Close()
}

// Settle runs one round of the background work at the clock's current
// time: Auto Scaling reconciles every group, ELBv2 health-checks its
// targets. The loops Start runs do the same on their own schedule; tests
// and discrete-event runs on a fake clock call Settle after each step.
func (s *Server) Settle(ctx context.Context) error {
	if err := s.autoscaling.Reconcile(ctx, s.opts.clock.Now()); err != nil {
		return err
	}
	return s.elbv2.Round(ctx)
}

// LoadBalancerListenerAddr is the real address on this host where a load
// balancer listener accepts connections (its DNS name resolves to
// 127.0.0.1 in fakeaws' DNS, but each listener has its own port).
func (s *Server) LoadBalancerListenerAddr(account, region, listenerARN string) (netip.AddrPort, bool) {
	return s.elbv2.ListenerAddr(account, region, listenerARN)
}

// Reset wipes every account's state.
func (s *Server) Reset() error { return s.db.Reset() }

// DataDir is where the state lives.
func (s *Server) DataDir() string { return s.db.Dir() }

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/_drydock/health":
		s.serveHealth(w, r)
		return
	case "/moto-api/reset", "/_drydock/reset":
		s.serveReset(w, r)
		return
	}
	svc, scope := s.route(r)
	req := &awsapi.Request{
		HTTP:          r,
		Service:       svc.Name(),
		Region:        DefaultRegion,
		RequestID:     s.requestID(svc.Protocol()),
		Now:           s.opts.clock.Now(),
		ContentLength: r.ContentLength,
	}
	awsapi.SetRequestIDHeaders(w, svc.Protocol(), req.RequestID)
	if scope.Region != "" {
		req.Region = scope.Region
	}
	defer func() {
		if p := recover(); p != nil {
			if err, ok := p.(error); ok && errors.Is(err, http.ErrAbortHandler) {
				panic(p)
			}
			s.opts.logger.Error("handler panic", "service", svc.Name(), "path", r.URL.Path, "panic", p)
			awsapi.WriteError(w, req, svc.Protocol(), fmt.Errorf("panic: %v", p))
		}
	}()
	limit := s.opts.maxBody
	if svc == s.s3 && (r.Method == http.MethodPut || r.Method == http.MethodPost) {
		limit = s.opts.maxObjectBody
	}
	// Wrap the body in a shallow copy of r: net/http must still see its own
	// body to close the connection after a refusal, rather than wait for a
	// body that a client sending Expect: 100-continue will never send.
	rc := *r
	r = &rc
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if err := s.authenticate(r, req, limit); err != nil {
		awsapi.WriteError(w, req, svc.Protocol(), err)
		return
	}
	req.Body = &bodyErrors{r: req.Body, proto: svc.Protocol()}
	svc.Serve(w, req)
}

func (s *Server) requestID(p awsapi.Protocol) string {
	if p == awsapi.ProtocolS3 {
		return strings.ToUpper(s.reqIDs.Hex(16))
	}
	return s.reqIDs.UUID()
}

// route picks the service for r: by the credential scope's service name,
// then by Host, then by the query Action; S3 takes the rest.
func (s *Server) route(r *http.Request) (awsapi.Service, sigv4.Scope) {
	scope, ok := sigv4.ScopeOf(r)
	if ok {
		if svc, found := s.services[scope.Service]; found {
			return svc, scope
		}
		// An unknown service: answer in the query envelope naming it.
		return &unknownService{name: scope.Service}, scope
	}
	if svc := s.routeByHost(r.Host); svc != nil {
		return svc, scope
	}
	if action := actionOf(r); action != "" {
		for _, as := range s.byAction {
			if as.HasAction(action) {
				return as, scope
			}
		}
	}
	return s.s3, scope
}

func (s *Server) routeByHost(host string) awsapi.Service {
	h := strings.ToLower(host)
	if i := strings.LastIndexByte(h, ':'); i >= 0 && !strings.Contains(h[i:], "]") {
		h = h[:i]
	}
	// Only AWS's own host names name a service: a bucket called "iam"
	// under a local virtual host stays S3's.
	if !strings.HasSuffix(h, ".amazonaws.com") {
		return nil
	}
	first, _, _ := strings.Cut(h, ".")
	return s.services[first]
}

// actionOf reads Action from the query string or a form body without
// consuming the body.
func actionOf(r *http.Request) string {
	if a := r.URL.Query().Get("Action"); a != "" {
		return a
	}
	if r.Method != http.MethodPost || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		return ""
	}
	// Peek at the body: query bodies are small and read whole later anyway.
	raw, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		return ""
	}
	r.Body = io.NopCloser(io.MultiReader(strings.NewReader(string(raw)), r.Body))
	for _, kv := range strings.Split(string(raw), "&") {
		if v, ok := strings.CutPrefix(kv, "Action="); ok {
			return v
		}
	}
	return ""
}

func (s *Server) serveHealth(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "use GET", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"status":   "running",
		"services": sortedKeys(s.services),
		"auth":     s.opts.auth,
		"uptime":   s.opts.clock.Since(s.started).Round(time.Second).String(),
		"dataDir":  s.db.Dir(),
	})
}

func (s *Server) serveReset(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "use POST", http.StatusMethodNotAllowed)
		return
	}
	if err := s.Reset(); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, `{"status":"ok"}`)
}

// unknownService answers requests signed for a service fakeaws does not
// serve.
type unknownService struct{ name string }

func (u *unknownService) Name() string              { return u.name }
func (u *unknownService) Protocol() awsapi.Protocol { return awsapi.ProtocolQuery }
func (u *unknownService) Serve(w http.ResponseWriter, r *awsapi.Request) {
	awsapi.WriteError(w, r, awsapi.ProtocolQuery, awsapi.BadRequest("InvalidAction", "The service %s is not served by fakeaws", u.name))
}

// bodyErrors turns errors met while reading a verified body (a bad chunk
// signature, a payload hash mismatch, a body over the limit) into AWS
// errors in the service's protocol.
type bodyErrors struct {
	r     io.Reader
	proto awsapi.Protocol
}

func (b *bodyErrors) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		var se *sigv4.Error
		if errors.As(err, &se) {
			err = authError(se, b.proto)
		} else {
			err = awsapi.AsBodyError(err)
		}
	}
	return n, err
}
