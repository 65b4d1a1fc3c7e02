package route53

import (
	"errors"
	"net/http"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/backend"
)

// DefaultChangeDelay is how long a change stays PENDING when the server
// is configured as AWS-like: a few seconds, so that a client polling
// GetChange sees both states.
const DefaultChangeDelay = 2 * time.Second

// Config configures the Route 53 service.
type Config struct {
	// ChangeDelay is how long a change stays PENDING before GetChange
	// reports it INSYNC, measured on env.Clock from the time the change
	// was submitted. 0 makes every change INSYNC at once.
	ChangeDelay time.Duration
	// VPCExists reports whether a VPC exists in the account and region;
	// CreateHostedZone and AssociateVPCWithHostedZone answer InvalidVPCId
	// when it does not. It is called outside any store transaction. Nil
	// accepts every ID shaped like vpc-xxxxxxxx.
	VPCExists func(account, region, vpcID string) (bool, error)
}

// Service is the Route 53 service.
type Service struct {
	env backend.Env
	cfg Config
}

var _ awsapi.Service = (*Service)(nil)

// New returns the Route 53 service.
func New(env backend.Env, cfg Config) *Service {
	return &Service{env: env, cfg: cfg}
}

// Name implements awsapi.Service.
func (s *Service) Name() string { return "route53" }

// Protocol implements awsapi.Service.
func (s *Service) Protocol() awsapi.Protocol { return awsapi.ProtocolRESTXML }

// call is one routed request: the request and the parameters of its path.
type call struct {
	*awsapi.Request
	id  string // zone or change ID, without its /hostedzone/ or /change/ prefix
	arg string // the second path parameter: a limit type or a tagged resource ID
}

// reply is a handler's answer: a document to encode with a status.
type reply struct {
	status   int
	location string
	body     any
}

func respond(body any) (*reply, error) { return &reply{status: http.StatusOK, body: body}, nil }

type handler func(c *call) (*reply, error)

// Serve implements awsapi.Service.
func (s *Service) Serve(w http.ResponseWriter, r *awsapi.Request) {
	h, c, err := s.route(r)
	var out *reply
	if err == nil {
		out, err = h(c)
	}
	if err != nil {
		var cbe *changeBatchError
		if errors.As(err, &cbe) {
			writeChangeBatchError(w, r, cbe)
			return
		}
		awsapi.WriteError(w, r, awsapi.ProtocolRESTXML, err)
		return
	}
	if out.location != "" {
		w.Header().Set("Location", out.location)
	}
	awsapi.WriteXML(w, r, awsapi.ProtocolRESTXML, out.status, out.body)
}
