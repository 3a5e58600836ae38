export { splitSqlStatements } from './sql-script.ts';
