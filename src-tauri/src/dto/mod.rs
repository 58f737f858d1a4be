//! Typed IPC shapes at the API boundary. Domain and engine types stay free of
//! serialization concerns; these convert at the edge. ts-rs generates their TypeScript
//! twins into `ui/src/ipc/bindings/` (run `cargo test -p floorwalker export_bindings`);
//! CI fails when the committed bindings differ.

mod agents;
mod alerts;
mod audit;
mod calls;
mod error;
mod figures;
mod frame;
mod frame_stream;
mod profile;
mod routing;
mod survey_import;
mod survey_pull;
mod survey_qa;
mod survey_trends;
mod surveys;

pub use agents::{
    AgentPageDto, AgentQueryDto, AgentRowDto, AgentSortDto, AgentStateDto, FilterOptionDto,
    StateCountsDto, StateFilterDto,
};
pub use alerts::{AlertDto, AlertKindDto, AlertsDto, TeamSettingsDto};
pub use audit::{AuditExportDto, AuditPageDto, AuditQueryDto, AuditRecordDto};
pub use calls::{
    CallPhaseDto, CallsDto, LiveCallDto, MonitorDto, MonitorEndDto, MonitorEndReasonDto,
    MonitorModeDto,
};
pub use error::IpcErrorDto;
pub use figures::{AgentCountsDto, ErlangDto, FiguresDto, ServiceLevelsDto, SlVariantDto};
pub use frame::{
    AnomaliesDto, FrameDto, LinkDto, LinkStateDto, QueueFrameDto, SiteFrameDto, TrendChartsDto,
    TrendScopeDto, WindowDto,
};
pub use frame_stream::FrameStream;
pub use profile::{PermissionDto, ProfileDto, RoleDto};
pub use routing::{
    ActiveModeDto, DestinationDto, ImpactDto, InteractionDto, PendingRequestDto, ProjectionDto,
    QueueImpactDto, RegionalQueueDto, RoutingChangedDto, RoutingDto, RoutingModeDto,
    RoutingPolicyDto, RoutingRequestDto, RoutingScopeDto, ShareDto,
};
pub use survey_import::{
    ColumnMappingDto, DuplicateRowDto, ImportFormatDto, ImportPreviewDto, ImportReportDto,
    RowProblemDto, SourceEncodingDto, SurveyExportDto,
};
pub use survey_pull::{PullReportDto, PullStateDto, PullTriggerDto, SurveyPullStatusDto};
pub use survey_qa::{
    FormAgreementDto, FormItemDto, ItemAgreementDto, ItemSpreadDto, MetricDto, RoundItemSpreadDto,
    RoundViewDto, ScoreSheetDto, ScoreVisibilityDto, ScoringFormDto, SheetValueDto,
};
pub use survey_trends::{
    SurveyMetricDto, SurveyTrendsDto, TrendGroupingDto, TrendIntervalDto, TrendLineDto,
    TrendPointDto, chart_series, trend_table,
};
pub use surveys::{
    NpsGroupDto, ReviewNeedDto, ReviewStatusDto, SurveyActionDto, SurveyDetailDto, SurveyFilterDto,
    SurveyNoteDto, SurveyPageDto, SurveyPersonDto, SurveyRowDto, SurveySortDto, SurveyTagDto,
    record_id,
};
