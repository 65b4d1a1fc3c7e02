package elbv2

import (
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// Load balancer types and the ARN segment of each.
const (
	typeNetwork     = "network"
	typeApplication = "application"
	typeGateway     = "gateway"
)

func typeSegment(lbType string) string {
	switch lbType {
	case typeApplication:
		return "app"
	case typeGateway:
		return "gwy"
	}
	return "net"
}

func (s *Service) arnPrefix(sc scope) string {
	return "arn:" + s.partition() + ":elasticloadbalancing:" + sc.region + ":" + sc.account + ":"
}

func (s *Service) lbARN(sc scope, lbType, name, id string) string {
	return s.arnPrefix(sc) + "loadbalancer/" + typeSegment(lbType) + "/" + name + "/" + id
}

func (s *Service) tgARN(sc scope, name, id string) string {
	return s.arnPrefix(sc) + "targetgroup/" + name + "/" + id
}

func (s *Service) listenerARN(sc scope, lb *loadBalancer, id string) string {
	return s.arnPrefix(sc) + "listener/" + typeSegment(lb.Type) + "/" + lb.Name + "/" + lb.ID + "/" + id
}

// arnRef is a parsed ELBv2 ARN.
type arnRef struct {
	scope scope
	kind  string   // loadbalancer, targetgroup, listener
	parts []string // after the kind: [net NAME ID], [NAME ID], [net NAME LBID ID]
}

// parseARN splits an ELBv2 ARN; ok is false when it is not one.
func (s *Service) parseARN(arn string) (arnRef, bool) {
	f := strings.SplitN(arn, ":", 6)
	if len(f) != 6 || f[0] != "arn" || f[1] != s.partition() || f[2] != "elasticloadbalancing" || f[3] == "" || f[4] == "" {
		return arnRef{}, false
	}
	res := strings.Split(f[5], "/")
	ref := arnRef{scope: scope{account: f[4], region: f[3]}, kind: res[0], parts: res[1:]}
	for _, p := range ref.parts {
		if p == "" {
			return arnRef{}, false
		}
	}
	want := map[string]int{"loadbalancer": 3, "targetgroup": 2, "listener": 4}[ref.kind]
	if want == 0 || len(ref.parts) != want {
		return arnRef{}, false
	}
	return ref, true
}

// lbKey parses a load balancer ARN into its store key (the name). ok is
// false when the ARN is of another account or region, so that it is not
// found; a malformed ARN is a ValidationError.
func (s *Service) lbKey(sc scope, arn string) (string, bool, error) {
	ref, ok := s.parseARN(arn)
	if !ok || ref.kind != "loadbalancer" {
		return "", false, awsapi.ValidationError("'%s' is not a valid load balancer ARN", arn)
	}
	return ref.parts[1], ref.scope == sc, nil
}

// tgKey parses a target group ARN into its store key (the name).
func (s *Service) tgKey(sc scope, arn string) (string, bool, error) {
	ref, ok := s.parseARN(arn)
	if !ok || ref.kind != "targetgroup" {
		return "", false, awsapi.ValidationError("'%s' is not a valid target group ARN", arn)
	}
	return ref.parts[0], ref.scope == sc, nil
}

// listenerKey parses a listener ARN into its store key: LBNAME/ID.
func (s *Service) listenerKey(sc scope, arn string) (string, bool, error) {
	ref, ok := s.parseARN(arn)
	if !ok || ref.kind != "listener" {
		return "", false, awsapi.ValidationError("'%s' is not a valid listener ARN", arn)
	}
	return ref.parts[1] + "/" + ref.parts[3], ref.scope == sc, nil
}
