package elbv2

import (
	"strings"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// defaultSSLPolicy is the security policy of HTTPS and TLS listeners
// created without one.
const defaultSSLPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06"

// listenerProtocols are the protocols each type of load balancer listens
// with.
var listenerProtocols = map[string][]string{
	typeNetwork:     {protoTCP, protoTLS, protoUDP, protoTCPUDP},
	typeApplication: {protoHTTP, protoHTTPS},
}

type listenersResult struct {
	Listeners  members[listenerXML] `xml:"Listeners"`
	NextMarker string               `xml:"NextMarker,omitempty"`
}

func listenersOf(ls ...listener) listenersResult {
	out := listenersResult{Listeners: members[listenerXML]{}}
	for i := range ls {
		out.Listeners = append(out.Listeners, listenerToXML(&ls[i]))
	}
	return out
}

// listenerSpec is what CreateListener and ModifyListener set.
type listenerSpec struct {
	port         int
	protocol     string
	sslPolicy    string
	certificates []string
	alpn         []string
	actions      []action
}

// checkProtocol validates the listener's protocol, port and certificates
// for a load balancer of lbType.
func (l *listenerSpec) check(lbType string) error {
	if lbType == typeGateway {
		if l.protocol != "" || l.port != 0 {
			return awsapi.ValidationError("Protocol and port cannot be specified for listeners of Gateway Load Balancers")
		}
		return nil
	}
	if l.protocol == "" {
		return awsapi.ValidationError("A listener protocol must be specified")
	}
	if !contains(listenerProtocols[lbType], l.protocol) {
		return awsapi.ValidationError("Listener protocol '%s' must be one of '%s'", l.protocol, strings.Join(listenerProtocols[lbType], ", "))
	}
	if l.port == 0 {
		return awsapi.ValidationError("A listener port must be specified")
	}
	if l.protocol == protoHTTPS || l.protocol == protoTLS {
		if len(l.certificates) == 0 {
			return fail(codeCertificateNotFound, "A certificate must be specified for %s listeners", l.protocol)
		}
		l.sslPolicy = or(l.sslPolicy, defaultSSLPolicy)
	} else {
		l.certificates, l.sslPolicy, l.alpn = nil, "", nil
	}
	return nil
}

func certificates(p awsapi.Params) []string {
	var out []string
	for _, c := range p.Structs("Certificates.member") {
		if arn := c.Get("CertificateArn"); arn != "" {
			out = append(out, arn)
		}
	}
	return out
}

func (s *Service) createListener(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	lbARN, err := p.Required("LoadBalancerArn")
	if err != nil {
		return nil, err
	}
	if len(p.Structs("DefaultActions.member")) == 0 {
		return nil, awsapi.MissingParameter("DefaultActions")
	}
	spec := listenerSpec{protocol: p.Get("Protocol"), sslPolicy: p.Get("SslPolicy"), certificates: certificates(p), alpn: p.List("AlpnPolicy.member")}
	if spec.port, err = intIn(p, "Port", 1, 65535, 0); err != nil {
		return nil, err
	}
	tags, err := parseTags(p, "Tags")
	if err != nil {
		return nil, err
	}
	var out listener
	err = s.update(func(tx *store.Tx) error {
		lb, err := s.getLB(tx, sc, lbARN)
		if err != nil {
			return err
		}
		if spec.actions, err = parseActions(p, lb.Type); err != nil {
			return err
		}
		if err := spec.check(lb.Type); err != nil {
			return err
		}
		b := sc.bucket(tx, kindListeners)
		existing, err := store.List[listener](b, lb.Name+"/")
		if err != nil {
			return err
		}
		for _, l := range existing {
			if l.Port == spec.port {
				if l.Protocol == spec.protocol && sameActions(l.Actions, spec.actions) {
					out = l // creating the same listener again succeeds
					return nil
				}
				return fail(codeDuplicateListener, "A listener already exists on port %d for load balancer '%s'", spec.port, lb.ARN)
			}
		}
		if len(existing) >= maxListenersPerLB {
			return fail(codeTooManyListeners, "The quota for the number of listeners per load balancer has been reached")
		}
		if err := s.checkForwards(tx, sc, &lb, spec); err != nil {
			return err
		}
		id := s.env.IDs.Hex(16)
		out = listener{
			ARN: s.listenerARN(sc, &lb, id), ID: id, LBName: lb.Name, LBARN: lb.ARN,
			Port: spec.port, Protocol: spec.protocol, SslPolicy: spec.sslPolicy,
			Certificates: spec.certificates, AlpnPolicy: spec.alpn, Actions: spec.actions, Tags: tags,
		}
		if err := b.Put(lb.Name+"/"+id, out); err != nil {
			return err
		}
		return s.syncAttachments(tx, sc, lb.ARN, lb.Name, now(r))
	})
	if err != nil {
		return nil, err
	}
	return listenersOf(out), nil
}

func sameActions(a, b []action) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Type != b[i].Type || !sameStrings(tgARNs(a[i]), tgARNs(b[i])) {
			return false
		}
	}
	return true
}

func tgARNs(a action) []string {
	var out []string
	for _, t := range a.TargetGroups {
		out = append(out, t.ARN)
	}
	return out
}

// checkForwards checks the target groups the listener forwards to: they
// exist, sit in the load balancer's VPC, speak a compatible protocol and
// serve no other load balancer.
func (s *Service) checkForwards(tx *store.Tx, sc scope, lb *loadBalancer, spec listenerSpec) error {
	for _, a := range spec.actions {
		for _, t := range a.TargetGroups {
			tg, err := s.getTG(tx, sc, t.ARN)
			if err != nil {
				return err
			}
			if tg.VpcID != "" && tg.VpcID != lb.VpcID {
				return invalidConfig("The target group '%s' is in VPC '%s', not in the load balancer's VPC '%s'", tg.ARN, tg.VpcID, lb.VpcID)
			}
			if !compatible(lb.Type, spec.protocol, &tg) {
				return fail(codeIncompatibleProtocols, "Listener protocol '%s' is not supported with a target group with the protocol '%s'", spec.protocol, tg.Protocol)
			}
			for _, other := range tg.LoadBalancerARNs {
				if other != lb.ARN {
					return fail(codeTGAssociationLimit, "The following target groups cannot be associated with more than one load balancer: %s", tg.ARN)
				}
			}
		}
	}
	return nil
}

// compatible reports whether a listener of protocol on a load balancer of
// lbType may forward to tg.
func compatible(lbType, protocol string, tg *targetGroup) bool {
	switch lbType {
	case typeApplication:
		return isHTTP(tg.Protocol) || tg.TargetType == "lambda"
	case typeGateway:
		return tg.Protocol == protoGENEVE
	}
	ok := map[string][]string{
		protoTCP:    {protoTCP, protoTCPUDP},
		protoTLS:    {protoTCP, protoTLS},
		protoUDP:    {protoUDP, protoTCPUDP},
		protoTCPUDP: {protoTCPUDP},
	}[protocol]
	return contains(ok, tg.Protocol)
}

// syncAttachments makes the LoadBalancerArns of every target group of the
// scope agree with the listeners of the load balancer.
func (s *Service) syncAttachments(tx *store.Tx, sc scope, lbARN, lbName string, t time.Time) error {
	ls, err := store.List[listener](sc.bucket(tx, kindListeners), lbName+"/")
	if err != nil {
		return err
	}
	used := map[string]bool{}
	for _, l := range ls {
		for _, arn := range l.targetGroups() {
			used[arn] = true
		}
	}
	b := sc.bucket(tx, kindTGs)
	tgs, err := store.List[targetGroup](b, "")
	if err != nil {
		return err
	}
	for _, tg := range tgs {
		has := contains(tg.LoadBalancerARNs, lbARN)
		if has == used[tg.ARN] {
			continue
		}
		if has {
			var keep []string
			for _, a := range tg.LoadBalancerARNs {
				if a != lbARN {
					keep = append(keep, a)
				}
			}
			tg.LoadBalancerARNs = keep
			if len(keep) == 0 {
				tg.InUseSince = time.Time{}
			}
		} else {
			if len(tg.LoadBalancerARNs) == 0 {
				tg.InUseSince = t
			}
			tg.LoadBalancerARNs = append(tg.LoadBalancerARNs, lbARN)
		}
		if err := b.Put(tg.Name, tg); err != nil {
			return err
		}
	}
	return nil
}

// getListener reads the listener arn names; ListenerNotFound when it does
// not exist.
func (s *Service) getListener(tx *store.Tx, sc scope, arn string) (listener, error) {
	key, mine, err := s.listenerKey(sc, arn)
	if err != nil {
		return listener{}, err
	}
	l, ok, err := store.Get[listener](sc.bucket(tx, kindListeners), key)
	if err != nil {
		return listener{}, err
	}
	if !mine || !ok || l.ARN != arn {
		return listener{}, errListenerNotFound()
	}
	return l, nil
}
