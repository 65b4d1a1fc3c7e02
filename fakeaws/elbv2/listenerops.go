package elbv2

import (
	"fmt"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

func (s *Service) deleteListener(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	arn, err := p.Required("ListenerArn")
	if err != nil {
		return nil, err
	}
	err = s.update(func(tx *store.Tx) error {
		l, err := s.getListener(tx, sc, arn)
		if err != nil {
			return err
		}
		if err := sc.bucket(tx, kindListeners).Delete(l.LBName + "/" + l.ID); err != nil {
			return err
		}
		s.closeProxyOnCommit(tx, sc, l.ARN)
		return s.syncAttachments(tx, sc, l.LBARN, l.LBName, now(r))
	})
	if err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

func (s *Service) describeListeners(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	lbARN, arns := p.Get("LoadBalancerArn"), p.List("ListenerArns.member")
	switch {
	case lbARN == "" && len(arns) == 0:
		return nil, awsapi.ValidationError("You must specify either listener ARNs or a load balancer ARN")
	case lbARN != "" && len(arns) > 0:
		return nil, awsapi.ValidationError("Listener ARNs and a load balancer ARN cannot be specified at the same time")
	}
	pg, err := readPage(p)
	if err != nil {
		return nil, err
	}
	var items []keyed[listener]
	err = s.view(func(tx *store.Tx) error {
		if lbARN != "" {
			lb, err := s.getLB(tx, sc, lbARN)
			if err != nil {
				return err
			}
			ls, err := store.List[listener](sc.bucket(tx, kindListeners), lb.Name+"/")
			if err != nil {
				return err
			}
			for _, l := range ls {
				// Listed by port: the marker is LBNAME/PORT/ID.
				items = append(items, keyed[listener]{fmt.Sprintf("%s/%05d/%s", l.LBName, l.Port, l.ID), l})
			}
			return nil
		}
		for _, arn := range arns {
			l, err := s.getListener(tx, sc, arn)
			if err != nil {
				return err
			}
			items = appendUnique(items, l.LBName+"/"+l.ID, l)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	ls, next := pageOf(items, pg)
	out := listenersOf(ls...)
	out.NextMarker = next
	return out, nil
}

func (s *Service) modifyListener(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	arn, err := p.Required("ListenerArn")
	if err != nil {
		return nil, err
	}
	port, err := intIn(p, "Port", 1, 65535, 0)
	if err != nil {
		return nil, err
	}
	var out listener
	err = s.update(func(tx *store.Tx) error {
		l, err := s.getListener(tx, sc, arn)
		if err != nil {
			return err
		}
		lb, err := s.getLB(tx, sc, l.LBARN)
		if err != nil {
			return err
		}
		spec := listenerSpec{port: l.Port, protocol: l.Protocol, sslPolicy: l.SslPolicy, certificates: l.Certificates, alpn: l.AlpnPolicy, actions: l.Actions}
		if port != 0 {
			spec.port = port
		}
		spec.protocol = or(p.Get("Protocol"), spec.protocol)
		spec.sslPolicy = or(p.Get("SslPolicy"), spec.sslPolicy)
		if c := certificates(p); len(c) > 0 {
			spec.certificates = c
		}
		if a := p.List("AlpnPolicy.member"); len(a) > 0 {
			spec.alpn = a
		}
		if len(p.Structs("DefaultActions.member")) > 0 {
			if spec.actions, err = parseActions(p, lb.Type); err != nil {
				return err
			}
		}
		if err := spec.check(lb.Type); err != nil {
			return err
		}
		others, err := store.List[listener](sc.bucket(tx, kindListeners), lb.Name+"/")
		if err != nil {
			return err
		}
		for _, o := range others {
			if o.ID != l.ID && o.Port == spec.port {
				return fail(codeDuplicateListener, "A listener already exists on port %d for load balancer '%s'", spec.port, lb.ARN)
			}
		}
		if err := s.checkForwards(tx, sc, &lb, spec); err != nil {
			return err
		}
		l.Port, l.Protocol, l.SslPolicy, l.Certificates, l.AlpnPolicy, l.Actions = spec.port, spec.protocol, spec.sslPolicy, spec.certificates, spec.alpn, spec.actions
		if err := sc.bucket(tx, kindListeners).Put(l.LBName+"/"+l.ID, l); err != nil {
			return err
		}
		out = l
		return s.syncAttachments(tx, sc, lb.ARN, lb.Name, now(r))
	})
	if err != nil {
		return nil, err
	}
	return listenersOf(out), nil
}
