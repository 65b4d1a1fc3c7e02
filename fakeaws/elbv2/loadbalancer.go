package elbv2

import (
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// Schemes.
const (
	schemeInternet = "internet-facing"
	schemeInternal = "internal"
)

type lbsResult struct {
	LoadBalancers members[lbXML] `xml:"LoadBalancers"`
	NextMarker    string         `xml:"NextMarker,omitempty"`
}

func (s *Service) createLoadBalancer(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	name, err := p.Required("Name")
	if err != nil {
		return nil, err
	}
	if err := validLBName(name); err != nil {
		return nil, err
	}
	lbType, err := enum(p, "Type", typeApplication, typeApplication, typeNetwork, typeGateway)
	if err != nil {
		return nil, err
	}
	scheme, err := enum(p, "Scheme", schemeInternet, schemeInternet, schemeInternal)
	if err != nil {
		return nil, err
	}
	ipType, err := enum(p, "IpAddressType", "ipv4", "ipv4", "dualstack", "dualstack-without-public-ipv4")
	if err != nil {
		return nil, err
	}
	tags, err := parseTags(p, "Tags")
	if err != nil {
		return nil, err
	}
	if len(tags) > maxTags {
		return nil, fail(codeTooManyTags, "The quota for the number of tags that can be assigned to a load balancer has been reached")
	}
	mappings, err := subnetMappings(p)
	if err != nil {
		return nil, err
	}
	zones, vpc, err := s.resolveZones(sc, lbType, mappings)
	if err != nil {
		return nil, err
	}
	sgs := p.List("SecurityGroups.member")
	if err := s.checkSecurityGroups(sc, lbType, vpc, sgs); err != nil {
		return nil, err
	}
	t := now(r)
	var out *loadBalancer
	err = s.update(func(tx *store.Tx) error {
		b := sc.bucket(tx, kindLBs)
		old, ok, err := store.Get[loadBalancer](b, name)
		if err != nil {
			return err
		}
		if ok {
			if old.Type != lbType || old.Scheme != scheme || !sameZones(old.Zones, zones) || !sameStrings(old.SecurityGroups, sgs) {
				return fail(codeDuplicateLBName, "A load balancer with the same name '%s' exists, but with different settings", name)
			}
			out = &old
			return nil
		}
		if n, err := b.Count(""); err != nil {
			return err
		} else if n >= maxLoadBalancers {
			return fail(codeTooManyLBs, "The quota for the number of load balancers has been reached")
		}
		id := s.env.IDs.Hex(16)
		lb := loadBalancer{
			ARN: s.lbARN(sc, lbType, name, id), Name: name, ID: id, Type: lbType,
			Scheme: scheme, IPAddressType: ipType, VpcID: vpc,
			DNSName:      s.dnsName(lbType, dnsScheme(lbType, scheme), name, sc.region),
			HostedZoneID: hostedZoneID(lbType, sc.region),
			Created:      t, ActiveAt: t.Add(s.cfg.ProvisioningDelay),
			Zones: zones, SecurityGroups: sgs, CreatedWithSGs: len(sgs) > 0,
			Attributes: defaultLBAttributes(lbType), Tags: tags,
		}
		if lbType == typeGateway {
			lb.HostedZoneID = ""
		}
		if err := b.Put(name, lb); err != nil {
			return err
		}
		if err := globalBucket(tx, "dns").Put(normalizeDNS(lb.DNSName), dnsEntry{sc.account, sc.region, name}); err != nil {
			return err
		}
		out = &lb
		return markScope(tx, sc)
	})
	if err != nil {
		return nil, err
	}
	return lbsResult{LoadBalancers: members[lbXML]{s.lbXML(out, t)}}, nil
}

// dnsScheme is the scheme that shapes a DNS name: the names of gateway
// load balancers never start with "internal-".
func dnsScheme(lbType, scheme string) string {
	if lbType == typeGateway {
		return schemeInternet
	}
	return scheme
}

// markScope records that an account and region have ELBv2 resources, for
// the background rounds.
func markScope(tx *store.Tx, sc scope) error {
	return globalBucket(tx, "scopes").Put(sc.account+"/"+sc.region, true)
}

// getLB reads the load balancer arn names; LoadBalancerNotFound when it
// does not exist.
func (s *Service) getLB(tx *store.Tx, sc scope, arn string) (loadBalancer, error) {
	key, mine, err := s.lbKey(sc, arn)
	if err != nil {
		return loadBalancer{}, err
	}
	lb, ok, err := store.Get[loadBalancer](sc.bucket(tx, kindLBs), key)
	if err != nil {
		return loadBalancer{}, err
	}
	if !mine || !ok || lb.ARN != arn {
		return loadBalancer{}, errLBNotFound()
	}
	return lb, nil
}

func (s *Service) deleteLoadBalancer(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	arn, err := p.Required("LoadBalancerArn")
	if err != nil {
		return nil, err
	}
	err = s.update(func(tx *store.Tx) error {
		lb, err := s.getLB(tx, sc, arn)
		if codeOf(err) == codeLBNotFound {
			return nil // deleting a missing load balancer succeeds
		}
		if err != nil {
			return err
		}
		if lb.Attributes[attrDeletionProtection] == "true" {
			return fail(codeOperationNotPermitted, "Load balancer '%s' cannot be deleted because deletion protection is enabled", arn)
		}
		ls, err := store.List[listener](sc.bucket(tx, kindListeners), lb.Name+"/")
		if err != nil {
			return err
		}
		for _, l := range ls {
			if err := sc.bucket(tx, kindListeners).Delete(lb.Name + "/" + l.ID); err != nil {
				return err
			}
			s.closeProxyOnCommit(tx, sc, l.ARN)
		}
		if err := s.syncAttachments(tx, sc, lb.ARN, lb.Name, now(r)); err != nil {
			return err
		}
		if err := globalBucket(tx, "dns").Delete(normalizeDNS(lb.DNSName)); err != nil {
			return err
		}
		return sc.bucket(tx, kindLBs).Delete(lb.Name)
	})
	if err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

func (s *Service) describeLoadBalancers(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	arns, names := p.List("LoadBalancerArns.member"), p.List("Names.member")
	if len(arns) > 0 && len(names) > 0 {
		return nil, awsapi.ValidationError("Load balancer names and load balancer ARNs cannot be specified at the same time")
	}
	pg, err := readPage(p)
	if err != nil {
		return nil, err
	}
	var items []keyed[loadBalancer]
	err = s.view(func(tx *store.Tx) error {
		b := sc.bucket(tx, kindLBs)
		switch {
		case len(arns) > 0:
			for _, arn := range arns {
				lb, err := s.getLB(tx, sc, arn)
				if err != nil {
					return err
				}
				items = appendUnique(items, lb.Name, lb)
			}
		case len(names) > 0:
			var missing []string
			for _, n := range names {
				lb, ok, err := store.Get[loadBalancer](b, n)
				if err != nil {
					return err
				}
				if !ok {
					missing = append(missing, n)
					continue
				}
				items = appendUnique(items, lb.Name, lb)
			}
			if len(missing) > 0 {
				return fail(codeLBNotFound, "Load balancers '[%s]' not found", strings.Join(missing, ", "))
			}
		default:
			all, err := store.List[loadBalancer](b, "")
			if err != nil {
				return err
			}
			for _, lb := range all {
				items = append(items, keyed[loadBalancer]{lb.Name, lb})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	lbs, next := pageOf(items, pg)
	out := lbsResult{LoadBalancers: members[lbXML]{}, NextMarker: next}
	t := now(r)
	for i := range lbs {
		out.LoadBalancers = append(out.LoadBalancers, s.lbXML(&lbs[i], t))
	}
	return out, nil
}

// appendUnique adds an item unless its key is already there.
func appendUnique[T any](items []keyed[T], key string, v T) []keyed[T] {
	for _, it := range items {
		if it.key == key {
			return items
		}
	}
	return append(items, keyed[T]{key, v})
}
