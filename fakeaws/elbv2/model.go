package elbv2

import (
	"time"
)

// tag is a resource tag.
type tag struct{ Key, Value string }

// loadBalancer is a stored load balancer, keyed by name.
type loadBalancer struct {
	ARN           string
	Name          string
	ID            string
	Type          string
	Scheme        string
	IPAddressType string
	VpcID         string
	DNSName       string
	HostedZoneID  string
	Created       time.Time
	// ActiveAt is when provisioning ends.
	ActiveAt       time.Time
	Zones          []lbZone
	SecurityGroups []string
	// CreatedWithSGs: a network load balancer created without security
	// groups can never have any.
	CreatedWithSGs bool
	Attributes     map[string]string
	Tags           []tag
}

// lbZone is one subnet (one per Availability Zone) of a load balancer.
type lbZone struct {
	Zone         string
	SubnetID     string
	AllocationID string `json:",omitempty"`
	PrivateIP    string `json:",omitempty"`
}

func (lb *loadBalancer) active(t time.Time) bool { return !t.Before(lb.ActiveAt) }

// hasZone reports whether the load balancer has a subnet in zone.
func (lb *loadBalancer) hasZone(zone string) bool {
	for _, z := range lb.Zones {
		if z.Zone == zone {
			return true
		}
	}
	return false
}

// healthCheck is a target group's health-check settings.
type healthCheck struct {
	Enabled   bool
	Protocol  string
	Port      string // "traffic-port" or a number
	Path      string `json:",omitempty"`
	Interval  int
	Timeout   int
	Healthy   int
	Unhealthy int
	Matcher   string `json:",omitempty"` // HttpCode
}

// targetGroup is a stored target group, keyed by name.
type targetGroup struct {
	ARN             string
	Name            string
	ID              string
	Protocol        string
	ProtocolVersion string `json:",omitempty"`
	Port            int
	VpcID           string
	TargetType      string
	IPAddressType   string
	HealthCheck     healthCheck
	// LoadBalancerARNs are the load balancers whose listeners forward to
	// the group; InUseSince is when the first of them did.
	LoadBalancerARNs []string
	InUseSince       time.Time
	Attributes       map[string]string
	Tags             []tag
}

// inUse reports whether a listener forwards to the group.
func (tg *targetGroup) inUse() bool { return len(tg.LoadBalancerARNs) > 0 }

// listener is a stored listener, keyed by LBNAME/ID.
type listener struct {
	ARN          string
	ID           string
	LBName       string
	LBARN        string
	Port         int
	Protocol     string
	SslPolicy    string   `json:",omitempty"`
	Certificates []string `json:",omitempty"`
	AlpnPolicy   []string `json:",omitempty"`
	Actions      []action
	Tags         []tag
	// Attributes are what ModifyListenerAttributes set (see attributes).
	Attributes map[string]string `json:",omitempty"`
}

// targetGroups returns the ARNs of the target groups the listener
// forwards to, without duplicates.
func (l *listener) targetGroups() []string {
	var out []string
	seen := map[string]bool{}
	for _, a := range l.Actions {
		for _, t := range a.TargetGroups {
			if !seen[t.ARN] {
				seen[t.ARN] = true
				out = append(out, t.ARN)
			}
		}
	}
	return out
}

// action is a listener's default action.
type action struct {
	Type string
	// Order is 0 when the client did not give one.
	Order int `json:",omitempty"`
	// TargetGroupARN is set when the client forwarded with
	// TargetGroupArn rather than ForwardConfig.
	TargetGroupARN string        `json:",omitempty"`
	TargetGroups   []weightedTG  `json:",omitempty"`
	Stickiness     *stickiness   `json:",omitempty"`
	Fixed          *fixedAction  `json:",omitempty"`
	Redirect       *redirectSpec `json:",omitempty"`
}

type weightedTG struct {
	ARN    string
	Weight int
}

type stickiness struct {
	Enabled  bool
	Duration int `json:",omitempty"`
}

type fixedAction struct {
	StatusCode, ContentType, MessageBody string
}

type redirectSpec struct {
	Protocol, Port, Host, Path, Query, StatusCode string
}

// target is a registration of a target with a group, keyed by
// TGNAME/ID/PORT.
type target struct {
	ID           string
	Port         int
	Zone         string `json:",omitempty"`
	RegisteredAt time.Time
	// DrainUntil is set while the target drains after deregistration;
	// it is gone afterwards.
	DrainUntil time.Time `json:",omitempty"`
}

func (t *target) draining() bool { return !t.DrainUntil.IsZero() }

// gone reports whether a deregistered target has finished draining.
func (t *target) gone(now time.Time) bool { return t.draining() && !now.Before(t.DrainUntil) }

// dnsEntry indexes a load balancer by DNS name.
type dnsEntry struct {
	Account, Region, Name string
}
