"""Judges' comments for the demo scorecards, chosen by how well the card scored (invented texts).

Agencies read these without the judges' names once results are published, so they are written as
a reviewer writes to the agency: what stood out, and what to strengthen.
"""

from scoring.demo.base import stable

HIGH = (
    "기존 방식에서 벗어난 접근으로 국민 불편을 근본적으로 해결했습니다. 성과가 객관적 지표로 잘 "
    "입증되어 있습니다.",
    "문제 정의부터 성과 측정까지 논리가 탄탄하고, 다른 기관이 그대로 도입할 수 있을 만큼 절차가 "
    "구체적입니다.",
    "수요자 의견을 설계 단계부터 반영한 점이 돋보이며, 국민이 체감하는 변화가 분명합니다.",
    "관계 기관과의 협업으로 제도적 제약을 풀어낸 과정이 인상적입니다. 확산 계획도 현실적입니다.",
    "전후 비교 지표가 명확해 성과를 신뢰할 수 있습니다. 담당자의 적극적인 노력이 잘 드러납니다.",
)
MIDDLE = (
    "취지와 성과는 분명하나, 정량 성과의 산출 근거를 보완하면 설득력이 더 높아지겠습니다.",
    "국민 체감 효과는 확인되나 기존 사업과의 차별성이 조금 더 드러나면 좋겠습니다.",
    "추진 과정은 충실하지만 다른 기관으로 확산할 때 드는 비용과 조건에 대한 설명이 부족합니다.",
    "성과 지표가 산출 중심이어서, 이용자 만족도나 전후 비교 같은 결과 지표를 보완할 필요가 "
    "있습니다.",
    "좋은 시도이나 시범 운영 단계여서 지속 가능성을 판단하려면 운영 결과를 더 지켜봐야 합니다.",
)
LOW = (
    "문제 인식은 타당하나 추진 내용이 기존 제도의 개선 수준에 머물러 새로운 시도가 부족합니다.",
    "사업 기간이 짧아 성과를 판단하기에는 근거가 부족합니다. 중장기 효과를 지켜볼 필요가 있습니다.",
    "특정 지역 여건에 맞춘 사례로 다른 기관에 적용하기는 어려워 보입니다.",
    "제출 자료에서 국민이 체감한 변화를 확인하기 어렵습니다. 수혜자 관점의 근거를 보완해 주십시오.",
)


def comment_for(percent: float, entry: str, judge: str) -> str:
    """A comment for a card scoring `percent` of the rubric's total."""
    pool = HIGH if percent >= 85 else MIDDLE if percent >= 70 else LOW
    return pool[stable(entry, judge) % len(pool)]
