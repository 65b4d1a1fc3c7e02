package elbv2

import (
	"context"
	"net/netip"
	"strconv"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// Route 53 hosted zones of load balancer DNS names, per region, as AWS
// publishes them.
var (
	nlbZones = map[string]string{
		"us-east-1": "Z26RNL4JYFTOTI", "us-east-2": "ZLMOA37VPKANP",
		"us-west-1": "Z24FKFUX50B4VW", "us-west-2": "Z18D5FSROUN65G",
		"ca-central-1": "Z2EPGBW3API2WT", "sa-east-1": "ZTK26PT1VY4CU",
		"eu-west-1": "Z2IFOLAFXWLO4F", "eu-west-2": "ZD4D7Y8KGAS4G",
		"eu-west-3": "Z1CMS0P5QUZ6D5", "eu-central-1": "Z3F0SRJ5LGBH90",
		"eu-north-1": "Z1UDT6IFJ4EJM", "ap-south-1": "ZVDDRBQ08TROA",
		"ap-northeast-1": "Z31USIVHYNEOWT", "ap-northeast-2": "ZIBE1TIR4HY56",
		"ap-southeast-1": "ZKVM4W9LS7TM", "ap-southeast-2": "ZCT6FZBF4DROD",
	}
	albZones = map[string]string{
		"us-east-1": "Z35SXDOTRQ7X7K", "us-east-2": "Z3AADJGX6KTTL2",
		"us-west-1": "Z368ELLRRE2KJ0", "us-west-2": "Z1H1FL5HABSF5",
		"ca-central-1": "ZQSVJUPU6J1EY", "sa-east-1": "Z2P70J7HTTTPLU",
		"eu-west-1": "Z32O12XQLNTSW2", "eu-west-2": "ZHURV8PSTC4K8",
		"eu-west-3": "Z3Q77PNBQS71R4", "eu-central-1": "Z215JYRZR1TBD5",
		"eu-north-1": "Z23TAZ7KKW3OTG", "ap-south-1": "ZP97RAFLXTNZK",
		"ap-northeast-1": "Z14GRHDCWA56QT", "ap-northeast-2": "ZWKZPGTI48KDX",
		"ap-southeast-1": "Z1LMS91P8CMLE5", "ap-southeast-2": "Z1GM3OXH4ZPM65",
	}
)

// hostedZoneID is the canonical hosted zone of a load balancer's DNS name;
// regions not in the tables get us-east-1's.
func hostedZoneID(lbType, region string) string {
	zones := nlbZones
	if lbType == typeApplication {
		zones = albZones
	}
	if z, ok := zones[region]; ok {
		return z
	}
	return zones["us-east-1"]
}

// dnsName is a new load balancer's DNS name: NAME-<16 hex>.elb.REGION.amazonaws.com
// for network and gateway load balancers, NAME-<digits>.REGION.elb.amazonaws.com
// for application ones; internal ones start with "internal-". The name
// keeps its case, as in AWS; lookups ignore case.
func (s *Service) dnsName(lbType, scheme, name, region string) string {
	prefix := ""
	if scheme == schemeInternal {
		prefix = "internal-"
	}
	if lbType == typeApplication {
		n, _ := strconv.ParseUint(s.env.IDs.Hex(8), 16, 32)
		return prefix + name + "-" + strconv.FormatUint(n%9e8+1e8, 10) + "." + region + ".elb.amazonaws.com"
	}
	return prefix + name + "-" + s.env.IDs.Hex(16) + ".elb." + region + ".amazonaws.com"
}

// normalizeDNS lowercases a name, drops the final dot and the
// "dualstack." that Route 53 alias targets carry.
func normalizeDNS(name string) string {
	name = strings.TrimSuffix(strings.ToLower(name), ".")
	return strings.TrimPrefix(name, "dualstack.")
}

// Resolve answers 127.0.0.1 for the DNS name of an existing load
// balancer, where its listeners are served (see ListenerAddr). It
// implements route53.AliasResolver.
func (s *Service) Resolve(_ context.Context, dnsName string) ([]netip.Addr, bool) {
	var found bool
	err := s.view(func(tx *store.Tx) error {
		var err error
		_, found, err = store.Get[dnsEntry](globalBucket(tx, "dns"), normalizeDNS(dnsName))
		return err
	})
	if err != nil || !found {
		return nil, false
	}
	return []netip.Addr{netip.AddrFrom4([4]byte{127, 0, 0, 1})}, true
}
