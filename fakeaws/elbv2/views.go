package elbv2

import (
	"sort"
	"strconv"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// members is a query-protocol list.
type members[T any] = awsapi.Members[T]

// isoTime formats a timestamp as ELBv2 does: ISO 8601, UTC, milliseconds.
func isoTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

type tagXML struct {
	Key   string `xml:"Key"`
	Value string `xml:"Value"`
}

func tagsXML(tags []tag) members[tagXML] {
	out := make(members[tagXML], 0, len(tags))
	for _, t := range tags {
		out = append(out, tagXML(t))
	}
	return out
}

type attributeXML struct {
	Key   string `xml:"Key"`
	Value string `xml:"Value"`
}

// attributesXML lists attributes sorted by key.
func attributesXML(attrs map[string]string) members[attributeXML] {
	keys := make([]string, 0, len(attrs))
	for k := range attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make(members[attributeXML], 0, len(keys))
	for _, k := range keys {
		out = append(out, attributeXML{k, attrs[k]})
	}
	return out
}

type lbStateXML struct {
	Code   string `xml:"Code"`
	Reason string `xml:"Reason,omitempty"`
}

type lbAddressXML struct {
	IPAddress          string `xml:"IpAddress,omitempty"`
	AllocationID       string `xml:"AllocationId,omitempty"`
	PrivateIPv4Address string `xml:"PrivateIPv4Address,omitempty"`
}

type azXML struct {
	ZoneName  string                `xml:"ZoneName"`
	SubnetID  string                `xml:"SubnetId"`
	Addresses members[lbAddressXML] `xml:"LoadBalancerAddresses"`
}

type lbXML struct {
	LoadBalancerArn       string          `xml:"LoadBalancerArn"`
	DNSName               string          `xml:"DNSName"`
	CanonicalHostedZoneID string          `xml:"CanonicalHostedZoneId,omitempty"`
	CreatedTime           string          `xml:"CreatedTime"`
	LoadBalancerName      string          `xml:"LoadBalancerName"`
	Scheme                string          `xml:"Scheme"`
	VpcID                 string          `xml:"VpcId"`
	State                 lbStateXML      `xml:"State"`
	Type                  string          `xml:"Type"`
	AvailabilityZones     members[azXML]  `xml:"AvailabilityZones"`
	SecurityGroups        members[string] `xml:"SecurityGroups,omitempty"`
	IPAddressType         string          `xml:"IpAddressType"`
}

func zonesXML(zones []lbZone) members[azXML] {
	out := make(members[azXML], 0, len(zones))
	for _, z := range zones {
		a := azXML{ZoneName: z.Zone, SubnetID: z.SubnetID, Addresses: members[lbAddressXML]{}}
		if z.AllocationID != "" || z.PrivateIP != "" {
			a.Addresses = append(a.Addresses, lbAddressXML{AllocationID: z.AllocationID, PrivateIPv4Address: z.PrivateIP})
		}
		out = append(out, a)
	}
	return out
}

func (s *Service) lbXML(lb *loadBalancer, t time.Time) lbXML {
	state := lbStateXML{Code: "provisioning"}
	if lb.active(t) {
		state.Code = "active"
	}
	return lbXML{
		LoadBalancerArn:       lb.ARN,
		DNSName:               lb.DNSName,
		CanonicalHostedZoneID: lb.HostedZoneID,
		CreatedTime:           isoTime(lb.Created),
		LoadBalancerName:      lb.Name,
		Scheme:                lb.Scheme,
		VpcID:                 lb.VpcID,
		State:                 state,
		Type:                  lb.Type,
		AvailabilityZones:     zonesXML(lb.Zones),
		SecurityGroups:        lb.SecurityGroups,
		IPAddressType:         lb.IPAddressType,
	}
}

type matcherXML struct {
	HTTPCode string `xml:"HttpCode"`
}

type tgXML struct {
	TargetGroupArn             string          `xml:"TargetGroupArn"`
	TargetGroupName            string          `xml:"TargetGroupName"`
	Protocol                   string          `xml:"Protocol,omitempty"`
	Port                       int             `xml:"Port,omitempty"`
	VpcID                      string          `xml:"VpcId,omitempty"`
	HealthCheckProtocol        string          `xml:"HealthCheckProtocol,omitempty"`
	HealthCheckPort            string          `xml:"HealthCheckPort,omitempty"`
	HealthCheckEnabled         bool            `xml:"HealthCheckEnabled"`
	HealthCheckIntervalSeconds int             `xml:"HealthCheckIntervalSeconds"`
	HealthCheckTimeoutSeconds  int             `xml:"HealthCheckTimeoutSeconds"`
	HealthyThresholdCount      int             `xml:"HealthyThresholdCount"`
	UnhealthyThresholdCount    int             `xml:"UnhealthyThresholdCount"`
	HealthCheckPath            string          `xml:"HealthCheckPath,omitempty"`
	Matcher                    *matcherXML     `xml:"Matcher,omitempty"`
	LoadBalancerArns           members[string] `xml:"LoadBalancerArns"`
	TargetType                 string          `xml:"TargetType"`
	ProtocolVersion            string          `xml:"ProtocolVersion,omitempty"`
	IPAddressType              string          `xml:"IpAddressType,omitempty"`
}

func tgToXML(tg *targetGroup) tgXML {
	hc := tg.HealthCheck
	out := tgXML{
		TargetGroupArn:             tg.ARN,
		TargetGroupName:            tg.Name,
		Protocol:                   tg.Protocol,
		Port:                       tg.Port,
		VpcID:                      tg.VpcID,
		HealthCheckProtocol:        hc.Protocol,
		HealthCheckPort:            hc.Port,
		HealthCheckEnabled:         hc.Enabled,
		HealthCheckIntervalSeconds: hc.Interval,
		HealthCheckTimeoutSeconds:  hc.Timeout,
		HealthyThresholdCount:      hc.Healthy,
		UnhealthyThresholdCount:    hc.Unhealthy,
		HealthCheckPath:            hc.Path,
		LoadBalancerArns:           append(members[string]{}, tg.LoadBalancerARNs...),
		TargetType:                 tg.TargetType,
		ProtocolVersion:            tg.ProtocolVersion,
		IPAddressType:              tg.IPAddressType,
	}
	if hc.Matcher != "" {
		out.Matcher = &matcherXML{hc.Matcher}
	}
	return out
}

type certificateXML struct {
	CertificateArn string `xml:"CertificateArn"`
}

type listenerXML struct {
	ListenerArn     string                  `xml:"ListenerArn"`
	LoadBalancerArn string                  `xml:"LoadBalancerArn"`
	Port            int                     `xml:"Port,omitempty"`
	Protocol        string                  `xml:"Protocol,omitempty"`
	Certificates    members[certificateXML] `xml:"Certificates,omitempty"`
	SslPolicy       string                  `xml:"SslPolicy,omitempty"`
	DefaultActions  members[actionXML]      `xml:"DefaultActions"`
	AlpnPolicy      members[string]         `xml:"AlpnPolicy,omitempty"`
}

func listenerToXML(l *listener) listenerXML {
	out := listenerXML{
		ListenerArn:     l.ARN,
		LoadBalancerArn: l.LBARN,
		Port:            l.Port,
		Protocol:        l.Protocol,
		SslPolicy:       l.SslPolicy,
		AlpnPolicy:      l.AlpnPolicy,
		DefaultActions:  members[actionXML]{},
	}
	for _, c := range l.Certificates {
		out.Certificates = append(out.Certificates, certificateXML{c})
	}
	for _, a := range l.Actions {
		out.DefaultActions = append(out.DefaultActions, actionToXML(a))
	}
	return out
}

// itoa formats a port for HealthCheckPort and friends.
func itoa(n int) string { return strconv.Itoa(n) }
