package elbv2

import (
	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type targetXML struct {
	ID               string `xml:"Id"`
	Port             int    `xml:"Port,omitempty"`
	AvailabilityZone string `xml:"AvailabilityZone,omitempty"`
}

type targetHealthXML struct {
	State       string `xml:"State"`
	Reason      string `xml:"Reason,omitempty"`
	Description string `xml:"Description,omitempty"`
}

type targetHealthDescriptionXML struct {
	Target          targetXML       `xml:"Target"`
	HealthCheckPort string          `xml:"HealthCheckPort,omitempty"`
	TargetHealth    targetHealthXML `xml:"TargetHealth"`
}

type targetHealthResult struct {
	TargetHealthDescriptions members[targetHealthDescriptionXML] `xml:"TargetHealthDescriptions"`
}

func (g *group) describe(tt target, v verdict) targetHealthDescriptionXML {
	d := targetHealthDescriptionXML{
		Target:       targetXML{ID: tt.ID, Port: tt.Port, AvailabilityZone: tt.Zone},
		TargetHealth: targetHealthXML(v),
	}
	if g.tg.TargetType != "lambda" {
		d.HealthCheckPort = itoa(g.hcPort(tt))
	}
	return d
}

func (s *Service) describeTargetHealth(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	arn, err := p.Required("TargetGroupArn")
	if err != nil {
		return nil, err
	}
	t := now(r)
	var g group
	err = s.view(func(tx *store.Tx) error {
		tg, err := s.getTG(tx, sc, arn)
		if err != nil {
			return err
		}
		g, err = s.loadGroup(tx, sc, tg, t)
		return err
	})
	if err != nil {
		return nil, err
	}
	refs, err := parseTargets(p, &g.tg, false)
	if err != nil {
		return nil, err
	}
	out := targetHealthResult{TargetHealthDescriptions: members[targetHealthDescriptionXML]{}}
	if len(refs) == 0 {
		for _, st := range s.evaluate(&g, t) {
			out.TargetHealthDescriptions = append(out.TargetHealthDescriptions, g.describe(st.target, st.verdict))
		}
		return out, nil
	}
	portGiven := map[int]bool{}
	for i, tp := range p.Structs("Targets.member") {
		portGiven[i] = tp.Get("Port") != ""
	}
	var unregistered []targetRef
	for i, ref := range refs {
		found := false
		for _, tt := range g.targets {
			if tt.ID == ref.ID && (tt.Port == ref.Port || !portGiven[i]) {
				o := s.observe(&g, tt)
				v := s.judge(&g, tt, &o, s.checker.get(checkKey(&g, tt)), t)
				out.TargetHealthDescriptions = append(out.TargetHealthDescriptions, g.describe(tt, v))
				found = true
			}
		}
		if !found {
			unregistered = append(unregistered, ref)
			out.TargetHealthDescriptions = append(out.TargetHealthDescriptions, g.describe(target{ID: ref.ID, Port: ref.Port, Zone: ref.Zone}, vNotRegistered))
		}
	}
	if err := s.checkExist(sc, &g.tg, unregistered); err != nil {
		return nil, err
	}
	return out, nil
}
