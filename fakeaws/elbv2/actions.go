package elbv2

import (
	"sort"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// Action types.
const (
	actionForward  = "forward"
	actionFixed    = "fixed-response"
	actionRedirect = "redirect"
)

// parseActions reads DefaultActions.member.N as CreateListener and
// ModifyListener send them. Target groups are checked by the caller.
func parseActions(p awsapi.Params, lbType string) ([]action, error) {
	var out []action
	for _, ap := range p.Structs("DefaultActions.member") {
		a, err := parseAction(ap, lbType)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	if len(out) == 0 {
		return nil, awsapi.MissingParameter("DefaultActions")
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Order < out[j].Order })
	return out, nil
}

func parseAction(ap awsapi.Params, lbType string) (action, error) {
	typ, err := ap.Required("Type")
	if err != nil {
		return action{}, err
	}
	order, err := intIn(ap, "Order", 1, 50000, 0)
	if err != nil {
		return action{}, err
	}
	a := action{Type: typ, Order: order}
	switch typ {
	case actionForward:
		return parseForward(ap, a)
	case actionFixed, actionRedirect:
		if lbType != typeApplication {
			return action{}, fail(codeInvalidAction, "The action type '%s' is not supported by load balancers of type '%s'", typ, lbType)
		}
		if typ == actionFixed {
			f := ap.Sub("FixedResponseConfig")
			code, err := f.Required("StatusCode")
			if err != nil {
				return action{}, err
			}
			a.Fixed = &fixedAction{StatusCode: code, ContentType: f.Get("ContentType"), MessageBody: f.Get("MessageBody")}
			return a, nil
		}
		rd := ap.Sub("RedirectConfig")
		code, err := rd.Required("StatusCode")
		if err != nil {
			return action{}, err
		}
		a.Redirect = &redirectSpec{
			Protocol: or(rd.Get("Protocol"), "#{protocol}"), Port: or(rd.Get("Port"), "#{port}"),
			Host: or(rd.Get("Host"), "#{host}"), Path: or(rd.Get("Path"), "/#{path}"),
			Query: or(rd.Get("Query"), "#{query}"), StatusCode: code,
		}
		return a, nil
	case "authenticate-oidc", "authenticate-cognito", "jwt-validation":
		return action{}, fail(codeInvalidAction, "The action type '%s' is not supported by this emulator", typ)
	}
	return action{}, errConstraint(typ, "defaultActions.member.type", "Member must satisfy enum value set: [forward, authenticate-oidc, authenticate-cognito, redirect, fixed-response, jwt-validation]")
}

func parseForward(ap awsapi.Params, a action) (action, error) {
	a.TargetGroupARN = ap.Get("TargetGroupArn")
	fc := ap.Sub("ForwardConfig")
	for _, t := range fc.Structs("TargetGroups.member") {
		arn, err := t.Required("TargetGroupArn")
		if err != nil {
			return action{}, err
		}
		w, err := intIn(t, "Weight", 0, 999, 1)
		if err != nil {
			return action{}, err
		}
		a.TargetGroups = append(a.TargetGroups, weightedTG{ARN: arn, Weight: w})
	}
	switch {
	case len(a.TargetGroups) == 0 && a.TargetGroupARN == "":
		return action{}, fail(codeInvalidAction, "A target group ARN must be specified")
	case len(a.TargetGroups) == 0:
		a.TargetGroups = []weightedTG{{ARN: a.TargetGroupARN, Weight: 1}}
	case a.TargetGroupARN != "" && (len(a.TargetGroups) != 1 || a.TargetGroups[0].ARN != a.TargetGroupARN):
		return action{}, fail(codeInvalidAction, "You cannot specify both a target group ARN and a forward config with different target groups")
	}
	if len(a.TargetGroups) == 1 {
		a.TargetGroupARN = a.TargetGroups[0].ARN
	}
	if fc.Has("TargetGroupStickinessConfig.Enabled") || fc.Has("TargetGroupStickinessConfig.DurationSeconds") {
		sc := fc.Sub("TargetGroupStickinessConfig")
		on, err := sc.Bool("Enabled", false)
		if err != nil {
			return action{}, err
		}
		d, err := intIn(sc, "DurationSeconds", 1, 604800, 0)
		if err != nil {
			return action{}, err
		}
		a.Stickiness = &stickiness{Enabled: on, Duration: d}
	}
	return a, nil
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

type tgTupleXML struct {
	TargetGroupArn string `xml:"TargetGroupArn"`
	Weight         int    `xml:"Weight"`
}

type stickinessXML struct {
	Enabled         bool `xml:"Enabled"`
	DurationSeconds int  `xml:"DurationSeconds,omitempty"`
}

type forwardXML struct {
	TargetGroups members[tgTupleXML] `xml:"TargetGroups"`
	Stickiness   stickinessXML       `xml:"TargetGroupStickinessConfig"`
}

type fixedXML struct {
	StatusCode  string `xml:"StatusCode"`
	ContentType string `xml:"ContentType,omitempty"`
	MessageBody string `xml:"MessageBody,omitempty"`
}

type redirectXML struct {
	Protocol   string `xml:"Protocol"`
	Port       string `xml:"Port"`
	Host       string `xml:"Host"`
	Path       string `xml:"Path"`
	Query      string `xml:"Query"`
	StatusCode string `xml:"StatusCode"`
}

type actionXML struct {
	Type           string       `xml:"Type"`
	TargetGroupArn string       `xml:"TargetGroupArn,omitempty"`
	Order          int          `xml:"Order,omitempty"`
	ForwardConfig  *forwardXML  `xml:"ForwardConfig,omitempty"`
	Fixed          *fixedXML    `xml:"FixedResponseConfig,omitempty"`
	Redirect       *redirectXML `xml:"RedirectConfig,omitempty"`
}

func actionToXML(a action) actionXML {
	out := actionXML{Type: a.Type, TargetGroupArn: a.TargetGroupARN, Order: a.Order}
	if a.Type == actionForward {
		fw := &forwardXML{TargetGroups: members[tgTupleXML]{}}
		for _, t := range a.TargetGroups {
			fw.TargetGroups = append(fw.TargetGroups, tgTupleXML{TargetGroupArn: t.ARN, Weight: t.Weight})
		}
		if a.Stickiness != nil {
			fw.Stickiness = stickinessXML{a.Stickiness.Enabled, a.Stickiness.Duration}
		}
		out.ForwardConfig = fw
	}
	if a.Fixed != nil {
		out.Fixed = &fixedXML{a.Fixed.StatusCode, a.Fixed.ContentType, a.Fixed.MessageBody}
	}
	if a.Redirect != nil {
		r := a.Redirect
		out.Redirect = &redirectXML{r.Protocol, r.Port, r.Host, r.Path, r.Query, r.StatusCode}
	}
	return out
}
